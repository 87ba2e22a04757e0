from django.urls import path

from packages_catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("packages/<slug:code>/", views.package_detail, name="package_detail"),
]
