from django.urls import path

from licenses import views

app_name = "licenses"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("new/", views.application_start, name="application_start"),
    path("<int:pk>/", views.application_detail, name="application_detail"),
    path("<int:pk>/edit/<slug:step>/", views.application_step, name="application_step"),
    path("<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("<int:pk>/delete/", views.application_delete, name="application_delete"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="document_download"),
    path("licences/<int:pk>/renew/", views.licence_renew, name="licence_renew"),
    path("licences/<int:pk>/certificate/", views.licence_certificate, name="licence_certificate"),
]
