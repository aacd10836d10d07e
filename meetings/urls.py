from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.my_invitations, name="mine"),
    path("meetings/invitations/<int:invitation_id>/answer/", views.answer_own, name="answer-own"),
    path("meetings/answer/<int:invitation_id>/<str:token>/", views.answer_by_link, name="answer"),
    path(
        "meetings/answer/<int:invitation_id>/<str:token>/meeting.ics", views.calendar_by_link, name="calendar"
    ),
]
