from django.urls import path

from benefits import views

app_name = "benefits"

urlpatterns = [
    path("exhibitions/", views.exhibition_list, name="exhibition_list"),
    path("exhibitions/past/", views.exhibition_list, {"past": True}, name="exhibition_list_past"),
    path("exhibitions/<id:pk>/", views.exhibition_detail, name="exhibition_detail"),
    path("exhibitions/<id:pk>/apply/", views.exhibition_apply, name="exhibition_apply"),
    path("exhibitions/<id:pk>/cover/", views.exhibition_cover, name="exhibition_cover"),
    path("exhibitions/booths/<id:pk>/withdraw/", views.booth_withdraw, name="booth_withdraw"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/past/", views.course_list, {"past": True}, name="course_list_past"),
    path("courses/<id:pk>/", views.course_detail, name="course_detail"),
    path("courses/<id:pk>/enrol/", views.course_enrol, name="course_enrol"),
    path("courses/enrolments/<id:pk>/cancel/", views.enrolment_cancel, name="enrolment_cancel"),
    path("courses/enrolments/<id:pk>/letter/", views.completion_letter, name="completion_letter"),
    path("follow-up/", views.follow_up_timeline, name="follow_up"),
    path("follow-up/steps/<id:pk>/answer/", views.next_step_answer, name="next_step_answer"),
    path("follow-up/steps/<id:pk>/photo/", views.next_step_photo, name="next_step_photo"),
]
