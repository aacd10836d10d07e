from django.urls import path

from forum.views import occurrences, public, series

app_name = "forum"

urlpatterns = [
    path("forum/", public.forum_index, name="index"),
    path("forum/subscribe/", public.forum_subscribe, name="subscribe"),
    path("forum/confirm/<str:token>/", public.forum_confirm, name="confirm"),
    path("forum/unsubscribe/<str:token>/", public.forum_unsubscribe, name="unsubscribe"),
    path("forum/propose/<str:token>/", public.forum_propose, name="propose"),
    path("forum/minutes/<str:token>/", public.forum_minutes, name="minutes"),
    path("forum/minutes/<str:token>/file/", public.forum_minutes_file, name="minutes-file"),
    path("forum/<slug:slug>/calendar.ics", public.series_calendar_feed, name="calendar"),
    path("forum/manage/", series.series_list, name="series-list"),
    path("forum/manage/new/", series.series_create, name="series-create"),
    path("forum/manage/preview/", series.series_preview, name="series-preview"),
    path("forum/manage/<slug:slug>/", series.series_detail, name="series-detail"),
    path("forum/manage/<slug:slug>/edit/", series.series_edit, name="series-edit"),
    path("forum/manage/<slug:slug>/invite-list/add/", series.subscriber_add, name="subscriber-add"),
    path("forum/manage/<slug:slug>/invite-list/remove/", series.subscriber_remove, name="subscriber-remove"),
    path("forum/manage/<slug:slug>/<int:pk>/", occurrences.occurrence_detail, name="occurrence-detail"),
    path(
        "forum/manage/<slug:slug>/<int:pk>/cancel/", occurrences.occurrence_cancel, name="occurrence-cancel"
    ),
    path("forum/manage/<slug:slug>/<int:pk>/move/", occurrences.occurrence_move, name="occurrence-move"),
    path(
        "forum/manage/<slug:slug>/<int:pk>/agenda/<int:item_id>/",
        occurrences.agenda_item_decide,
        name="agenda-item",
    ),
    path(
        "forum/manage/<slug:slug>/<int:pk>/agenda/publish/", occurrences.agenda_publish, name="agenda-publish"
    ),
    path("forum/manage/<slug:slug>/<int:pk>/attendance/", occurrences.attendance_record, name="attendance"),
    path("forum/manage/<slug:slug>/<int:pk>/minutes/", occurrences.minutes_publish, name="minutes-publish"),
    path(
        "forum/manage/<slug:slug>/<int:pk>/minutes/progress/",
        occurrences.minutes_progress,
        name="minutes-progress",
    ),
]
