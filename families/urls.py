from django.contrib.auth import views as auth_views
from django.urls import path

from families import uaepass_views, views

app_name = "families"

urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", uaepass_views.LogoutView.as_view(), name="logout"),
    path("uaepass/", uaepass_views.uaepass_start, name="uaepass_start"),
    path("uaepass/callback/", uaepass_views.uaepass_callback, name="uaepass_callback"),
    path("uaepass/link/", uaepass_views.uaepass_link, name="uaepass_link"),
    path("confirm/resend/", views.email_confirm_resend, name="email_confirm_resend"),
    path("confirm/<str:token>/", views.email_confirm, name="email_confirm"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="families/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="families/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("profile/", views.profile_edit, name="profile"),
    path("profile/members/add/", views.member_add, name="member_add"),
    path("profile/members/<id:pk>/", views.member_edit, name="member_edit"),
    path("profile/members/<id:pk>/remove/", views.member_remove, name="member_remove"),
]
