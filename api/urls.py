from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import liaison.urls_staff  # noqa: F401 - registers the <reference:…> converter used below
from api.views import cases, companies, errors, forum, referrals, visits

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("cases/", cases.CaseList.as_view(), name="api-cases"),
    path("cases/<reference:reference>/", cases.CaseDetail.as_view(), name="api-case"),
    path("cases/<reference:reference>/status/", cases.CaseStatusChange.as_view(), name="api-case-status"),
    path(
        "cases/<reference:reference>/personnummer/",
        cases.CasePersonnummer.as_view(),
        name="api-case-personnummer",
    ),
    path(
        "cases/<reference:reference>/diarium-number/",
        cases.CaseDiariumNumber.as_view(),
        name="api-case-diarium-number",
    ),
    path("referrals/", referrals.ReferralList.as_view(), name="api-referrals"),
    path(
        "referrals/<int:referral_id>/answer/", referrals.ReferralAnswer.as_view(), name="api-referral-answer"
    ),
    path("forum/meetings/", forum.ForumMeetingList.as_view(), name="api-forum-meetings"),
    path("companies/", companies.CompanyList.as_view(), name="api-companies"),
    path("companies/<int:company_id>/", companies.CompanyDetail.as_view(), name="api-company"),
    path("visits/", visits.VisitList.as_view(), name="api-visits"),
    path("visits/<int:visit_id>/", visits.VisitDetail.as_view(), name="api-visit"),
    path("follow-ups/", visits.FollowUpList.as_view(), name="api-follow-ups"),
    path(
        "follow-ups/<int:follow_up_id>/status/",
        visits.FollowUpStatusChange.as_view(),
        name="api-follow-up-status",
    ),
    # Last: what matches nothing above, including a malformed reference or id.
    re_path(r"^(?P<rest>.*)$", errors.not_found, name="api-not-found"),
]
