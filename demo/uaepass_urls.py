"""The UAE PASS stand-in's endpoints, under the same names as UAE PASS's (mounted by intaj_portal/urls.py)."""

from django.urls import path

from demo import uaepass_standin

app_name = "uaepass_standin"

urlpatterns = [
    path("authorize", uaepass_standin.authorize, name="authorize"),
    path("token", uaepass_standin.token, name="token"),
    path("userinfo", uaepass_standin.userinfo, name="userinfo"),
    path("logout", uaepass_standin.logout, name="logout"),
]
