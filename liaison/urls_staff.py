from django.urls import path, register_converter

from liaison.views.staff import attachments, cases, dashboard, referrals


class ReferenceConverter:
    """A case reference such as NL-2026-0042, so /cases/new/ and the like stay free."""

    regex = r"[A-Z]{2}-\d{4}-\d{4,}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "reference")

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/bulk/", dashboard.dashboard_bulk, name="dashboard-bulk"),
    path("cases/<reference:reference>/", cases.case_detail, name="case-detail"),
    path(
        "cases/<reference:reference>/files/<int:attachment_id>/",
        attachments.case_attachment,
        name="case-attachment",
    ),
    path("cases/<reference:reference>/personnummer/", cases.case_reveal_number, name="case-reveal-number"),
    path("cases/<reference:reference>/topic/", cases.case_set_topic, name="case-topic"),
    path("cases/<reference:reference>/assign/", cases.case_assign, name="case-assign"),
    path("cases/<reference:reference>/status/", cases.case_change_status, name="case-status"),
    path("cases/<reference:reference>/diarium/", cases.case_set_diarium_number, name="case-diarium"),
    path("cases/<reference:reference>/refer/", cases.case_refer, name="case-refer"),
    path("cases/<reference:reference>/reply/", cases.case_reply, name="case-reply"),
    path("cases/<reference:reference>/note/", cases.case_note, name="case-note"),
    path("cases/<reference:reference>/close/", cases.case_close, name="case-close"),
    path("referrals/", referrals.referral_list, name="referral-list"),
    path("referrals/<int:referral_id>/", referrals.referral_detail, name="referral-detail"),
    path("referrals/<int:referral_id>/accept/", referrals.referral_accept, name="referral-accept"),
    path("referrals/<int:referral_id>/decline/", referrals.referral_decline, name="referral-decline"),
    path("referrals/<int:referral_id>/note/", referrals.referral_note, name="referral-note"),
    path("referrals/<int:referral_id>/done/", referrals.referral_done, name="referral-done"),
    path("staff/link/<str:token>/", cases.staff_link, name="staff-link"),
]
