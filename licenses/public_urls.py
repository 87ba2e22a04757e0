"""The public verification of licences, open to anyone: `/<language>/verify/`."""

from django.urls import path

from licenses import public_views

app_name = "verify"

urlpatterns = [
    path("", public_views.verify_lookup, name="lookup"),
    path("<slug:token>/", public_views.verify_token, name="token"),
]
