from django.urls import path

from demo import views

app_name = "demo"

urlpatterns = [
    path("baseline/", views.benchmark_baseline, name="benchmark_baseline"),
    path("baseline/page/", views.benchmark_baseline_page, name="benchmark_baseline_page"),
]
