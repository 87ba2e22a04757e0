from django.urls import path

from dashboard import export_views, views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("figures.<slug:fmt>", views.figures_export, name="figures_export"),
    path("applications.<slug:fmt>", export_views.application_list_export, name="application_list_export"),
]
