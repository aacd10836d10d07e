from django.urls import path

from relocation.views import network, partner, staff, work

urlpatterns = [
    # The partner's pages (Swedish addresses: the service's public name is Medflyttarservice).
    path("medflyttare/", partner.partner_form, name="relocation-form"),
    path("medflyttare/skickat/", partner.partner_form_sent, name="relocation-form-sent"),
    path("medflyttare/borttaget/", partner.partner_deleted, name="relocation-deleted"),
    path("medflyttare/<str:token>/", partner.partner_page, name="relocation-partner"),
    path("medflyttare/<str:token>/samtycke/", partner.partner_consent, name="relocation-partner-consent"),
    path("medflyttare/<str:token>/radera/", partner.partner_delete, name="relocation-partner-delete"),
    path(
        "medflyttare/<str:token>/kontakter/<int:introduction_id>/",
        partner.partner_introduction,
        name="relocation-partner-introduction",
    ),
    # A network employer's page.
    path("relocation/employer/<str:token>/", network.employer_page, name="relocation-employer"),
    # The hosts' side.
    path("relocation/", staff.queue, name="relocation-queue"),
    path("relocation/partners/<str:reference>/", staff.partner_detail, name="relocation-partner-detail"),
    path("relocation/partners/<str:reference>/host/", staff.partner_host, name="relocation-partner-host"),
    path(
        "relocation/partners/<str:reference>/status/", staff.partner_status, name="relocation-partner-status"
    ),
    path(
        "relocation/partners/<str:reference>/contact/",
        staff.partner_contact,
        name="relocation-partner-contact",
    ),
    path("relocation/partners/<str:reference>/note/", staff.partner_note, name="relocation-partner-note"),
    path("relocation/partners/<str:reference>/refer/", staff.partner_refer, name="relocation-partner-refer"),
    path(
        "relocation/partners/<str:reference>/introduce/",
        staff.partner_introduce,
        name="relocation-partner-introduce",
    ),
    path("relocation/network/", network.network, name="relocation-network"),
    path("relocation/network/<int:employer_id>/link/", network.network_link, name="relocation-network-link"),
    path(
        "relocation/network/<int:employer_id>/remove/",
        network.network_remove,
        name="relocation-network-remove",
    ),
    path("relocation/activities/", work.activities, name="relocation-activities"),
    path(
        "relocation/activities/<int:activity_id>/invite/",
        work.activity_invite,
        name="relocation-activity-invite",
    ),
    path("relocation/referrals/", work.referral_list, name="relocation-referrals"),
    path("relocation/referrals/<int:referral_id>/", work.referral_detail, name="relocation-referral"),
    path(
        "relocation/referrals/<int:referral_id>/answer/",
        work.referral_answer,
        name="relocation-referral-answer",
    ),
    path("relocation/figures/", work.figures, name="relocation-figures"),
    path("relocation/link/<str:token>/", staff.staff_link, name="relocation-staff-link"),
]
