"""The showcase: `/<language>/showcase/`, public, and the licence holder's pages under `mine/`."""

from django.urls import path

from showcase import views

app_name = "showcase"

urlpatterns = [
    path("", views.showcase_list, name="list"),
    path("<id:pk>/", views.entry_detail, name="detail"),
    path("photos/<id:pk>/<id:width>/", views.photo, name="photo"),
    path("mine/<id:licence_pk>/", views.entry_edit, name="edit"),
    path("mine/<id:licence_pk>/hide/", views.entry_visibility, {"show": False}, name="hide"),
    path("mine/<id:licence_pk>/show/", views.entry_visibility, {"show": True}, name="show"),
]
