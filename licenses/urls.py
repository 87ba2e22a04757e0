from django.urls import path

from licenses import views

app_name = "licenses"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("new/", views.application_start, name="application_start"),
    path("<id:pk>/", views.application_detail, name="application_detail"),
    path("<id:pk>/edit/<slug:step>/", views.application_step, name="application_step"),
    path("<id:pk>/submit/", views.application_submit, name="application_submit"),
    path("<id:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("<id:pk>/delete/", views.application_delete, name="application_delete"),
    path("<id:pk>/documents/<id:document_pk>/", views.document_download, name="document_download"),
    path("licences/<id:pk>/renew/", views.licence_renew, name="licence_renew"),
    path("licences/<id:pk>/certificate/", views.licence_certificate, name="licence_certificate"),
]
