from django.urls import path

from liaison.views import public

urlpatterns = [
    path("cases/new/", public.case_new, name="case-new"),
    path("cases/new/sent/", public.case_sent, name="case-sent"),
    path("track/<str:token>/", public.track, name="track"),
    path("track/<str:token>/files/<int:attachment_id>/", public.track_attachment, name="track-attachment"),
    path("my/", public.my_cases, name="my-cases"),
    path("my/links/", public.request_links, name="my-cases-links"),
    path("my/sign-out/", public.my_cases_sign_out, name="my-cases-sign-out"),
    path("my/<str:token>/", public.my_cases_sign_in, name="my-cases-sign-in"),
]
