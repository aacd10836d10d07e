from django.urls import path

from liaison.views import meetings

urlpatterns = [
    path("cases/<str:reference>/meetings/", meetings.case_meetings, name="case-meetings"),
    path("cases/<str:reference>/meetings/new/", meetings.schedule, name="case-meeting-new"),
    path("cases/<str:reference>/meetings/<int:meeting_id>/", meetings.meeting_detail, name="case-meeting"),
    path("cases/<str:reference>/meetings/<int:meeting_id>/move/", meetings.move, name="case-meeting-move"),
    path(
        "cases/<str:reference>/meetings/<int:meeting_id>/cancel/", meetings.cancel, name="case-meeting-cancel"
    ),
    path(
        "cases/<str:reference>/meetings/<int:meeting_id>/invite/",
        meetings.add_official,
        name="case-meeting-invite",
    ),
    path(
        "cases/<str:reference>/meetings/<int:meeting_id>/invitations/<int:invitation_id>/remove/",
        meetings.remove_invitee,
        name="case-meeting-remove",
    ),
]
