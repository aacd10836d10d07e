"""The host's queue and partner page: statuses, who hosts, overdue first contact in working
days, the timeline of contacts and notes, and referrals to departments."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import ReferralStatus
from relocation.models import Partner, PartnerStatus, RelocationReferral
from relocation.services.hosting import change_partner_status, deletion_time
from relocation.services.partners import create_partner
from relocation.services.referrals import refer_partner
from tests.factories import make_department, make_official
from tests.relocation.factories import make_host, make_network_employer, make_partner

pytestmark = pytest.mark.django_db
STOCKHOLM = timezone.get_default_timezone()


@pytest.fixture
def host_client(client):  # type: ignore[no-untyped-def]
    host = make_host()
    client.force_login(host)
    client.host = host
    return client


def test_first_contact_is_due_three_working_days_after_registering():
    # Registered on Thursday 4 June 2026: Friday 5, Monday 8 and Tuesday 9 June (the weekend and
    # the National Day on Saturday 6 June do not count).
    partner = create_partner(
        {"name": "Nadia", "email": "nadia@example.org", "language": "sv"},
        datetime(2026, 6, 4, 10, tzinfo=STOCKHOLM),
    )
    assert partner.first_contact_due.isoformat() == "2026-06-09"


def test_the_queue_shows_overdue_first_contacts_first(host_client):
    make_partner(name="Fresh Partner")
    late = make_partner(name="Late Partner")
    Partner.objects.filter(pk=late.pk).update(first_contact_due=timezone.localdate().replace(year=2020))
    page = host_client.get(reverse("relocation-queue")).content.decode()
    assert page.index("Late Partner") < page.index("Fresh Partner")
    assert "1 medflyttare väntar längre än utlovat" in page
    assert "Försenat" in page


def test_the_queue_filters_by_status(host_client):
    make_partner(name="New One")
    closed = make_partner(name="Closed One")
    change_partner_status(closed, PartnerStatus.CLOSED, host_client.host)
    page = host_client.get(reverse("relocation-queue")).content.decode()
    assert "New One" in page and "Closed One" not in page
    page = host_client.get(reverse("relocation-queue") + "?status=closed").content.decode()
    assert "Closed One" in page and "New One" not in page


def test_recording_a_contact_ends_the_wait_and_moves_the_partner_into_contact(host_client):
    partner = make_partner()
    url = reverse("relocation-partner-contact", args=[partner.reference])
    host_client.post(url, {"contact-way": "phone", "contact-text": "Talked about preschool in Mörrum."})
    partner.refresh_from_db()
    assert partner.first_contact_at is not None and partner.status == PartnerStatus.IN_CONTACT
    page = host_client.get(reverse("relocation-partner-detail", args=[partner.reference])).content.decode()
    assert "Talked about preschool in Mörrum." in page
    assert "Kontakt: Telefonsamtal" in page


def test_a_note_without_text_is_refused_next_to_the_field(host_client):
    partner = make_partner()
    response = host_client.post(
        reverse("relocation-partner-note", args=[partner.reference]), {"note-text": ""}
    )
    assert response.status_code == 200
    assert "Det här fältet är obligatoriskt." in response.content.decode()


def test_the_host_is_assigned_and_statuses_move_as_allowed(host_client):
    partner = make_partner()
    host_client.post(
        reverse("relocation-partner-host", args=[partner.reference]), {"host-host": host_client.host.pk}
    )
    host_client.post(
        reverse("relocation-partner-status", args=[partner.reference]), {"status-status": "matched"}
    )
    partner.refresh_from_db()
    assert partner.host == host_client.host and partner.status == PartnerStatus.MATCHED
    assert partner.outcome.matched_on == timezone.localdate()


def test_closing_shows_when_the_data_will_be_deleted_and_reopening_clears_it(host_client):
    partner = make_partner()
    host_client.post(
        reverse("relocation-partner-status", args=[partner.reference]), {"status-status": "closed"}
    )
    partner.refresh_from_db()
    assert partner.delete_after == deletion_time(partner.closed_at)
    page = host_client.get(reverse("relocation-partner-detail", args=[partner.reference])).content.decode()
    assert f"Uppgifterna raderas {timezone.localtime(partner.delete_after):%Y-%m-%d}." in page
    host_client.post(
        reverse("relocation-partner-status", args=[partner.reference]), {"status-status": "matched"}
    )
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.CLOSED  # closed only reopens to in contact
    host_client.post(
        reverse("relocation-partner-status", args=[partner.reference]), {"status-status": "in_contact"}
    )
    partner.refresh_from_db()
    assert partner.delete_after is None


def test_retention_defaults_to_about_six_months_after_closing():
    closed = datetime(2026, 3, 31, 12, tzinfo=STOCKHOLM)
    assert deletion_time(closed) == datetime(2026, 9, 30, 12, tzinfo=STOCKHOLM)


def test_a_plan_that_keeps_relocation_profiles_shows_no_deletion_date(settings):
    settings.RETENTION_PLAN = {**settings.RETENTION_PLAN, "relocation_profiles": None}
    assert deletion_time(datetime(2026, 3, 31, 12, tzinfo=STOCKHOLM)) is None


def test_a_referral_reaches_the_department_with_what_it_carries_only(host_client):
    school = make_department("forskola", "Barn- och utbildningsförvaltningen", "Education administration")
    official = make_official("sara", school)
    partner = make_partner(children_ages="3 and 7", profession="Dentist", phone="0701112233")
    host_client.post(
        reverse("relocation-partner-refer", args=[partner.reference]),
        {
            "refer-department": school.pk,
            "refer-need": "school",
            "refer-message": "Preschool place from August.",
        },
    )
    referral = RelocationReferral.objects.get()
    assert referral.status == ReferralStatus.PENDING
    mail = OutboxMessage.objects.get(template_name="relocation_referral_new")
    assert mail.recipient == official.email and "Barn- och utbildningsförvaltningen" in mail.subject
    host_client.logout()
    host_client.force_login(official)
    page = host_client.get(reverse("relocation-referral", args=[referral.pk])).content.decode()
    assert "Preschool place from August." in page and "3 and 7" in page and "0701112233" in page
    assert "Dentist" not in page  # the rest of the profile is not the department's
    assert host_client.get(reverse("relocation-partner-detail", args=[partner.reference])).status_code == 403


def test_the_official_accepts_and_finishes_and_the_host_is_told(client):
    host = make_host()
    school = make_department("forskola")
    official = make_official("sara", school)
    partner = make_partner()
    referral = refer_partner(partner, school, "school", "Place needed.", host)
    client.force_login(official)
    url = reverse("relocation-referral-answer", args=[referral.pk])
    client.post(url, {"action": "decline"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING  # a decline needs a reason
    client.post(url, {"action": "accept"})
    client.post(url, {"action": "done"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DONE and referral.official == official
    assert (
        OutboxMessage.objects.filter(
            template_name="relocation_referral_answered", recipient=host.email
        ).count()
        == 2
    )


def test_an_official_of_another_department_sees_nothing(client):
    school = make_department("forskola")
    other = make_official("olof", make_department("miljo"))
    referral = refer_partner(make_partner(), school, "school", "Place needed.", make_host())
    client.force_login(other)
    assert client.get(reverse("relocation-referral", args=[referral.pk])).status_code == 403
    assert (
        client.post(
            reverse("relocation-referral-answer", args=[referral.pk]), {"action": "accept"}
        ).status_code
        == 403
    )


def test_a_staff_link_leads_to_the_partner_and_a_broken_one_is_refused(host_client):
    from relocation.links import staff_url

    partner = make_partner()
    token = staff_url("partner", partner.pk).rsplit("/", 2)[-2]
    response = host_client.get(reverse("relocation-staff-link", args=[token]))
    assert response["Location"] == reverse("relocation-partner-detail", args=[partner.reference])
    assert host_client.get(reverse("relocation-staff-link", args=[token[:-2] + "zz"])).status_code == 404


def test_a_staff_link_older_than_sixty_days_is_refused(host_client):
    from freezegun import freeze_time

    from relocation.links import staff_url

    partner = make_partner()
    with freeze_time(timezone.now() - timedelta(days=61)):
        token = staff_url("partner", partner.pk).rsplit("/", 2)[-2]
    assert host_client.get(reverse("relocation-staff-link", args=[token])).status_code == 404


def test_a_staff_link_to_another_departments_referral_leads_an_official_to_a_403(client):
    from relocation.links import staff_url

    referral = refer_partner(make_partner(), make_department("forskola"), "school", "Place.", make_host())
    client.force_login(make_official("olof", make_department("miljo")))
    token = staff_url("referral", referral.pk).rsplit("/", 2)[-2]
    response = client.get(reverse("relocation-staff-link", args=[token]), follow=True)
    assert response.status_code == 403


def test_the_queue_and_the_employer_page_ask_the_same_number_of_queries_for_one_partner_or_ten(
    host_client,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from relocation.links import employer_token
    from tests.relocation.factories import make_network_employer

    employer = make_network_employer()
    employer_url = reverse("relocation-employer", args=[employer_token(employer.pk)])

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queue:
            host_client.get(reverse("relocation-queue"))
        with CaptureQueriesContext(connection) as page:
            host_client.get(employer_url)
        return len(queue), len(page)

    make_partner(consent_network=True)
    first = counts()
    for _number in range(9):
        partner = make_partner(consent_network=True)
        Partner.objects.filter(pk=partner.pk).update(host=host_client.host, invited_by=employer)
    assert counts() == first


def test_the_timeline_names_the_referred_department_in_the_language_of_the_page(host_client):
    school = make_department("forskola", "Barn- och utbildningsförvaltningen", "Education administration")
    partner = make_partner()
    refer_partner(partner, school, "school", "Preschool place from August.", host_client.host)
    url = reverse("relocation-partner-detail", args=[partner.reference])
    page = host_client.get(url).content.decode()
    assert "Remitterat till en verksamhet: Barn- och utbildningsförvaltningen" in page
    host_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = host_client.get(url).content.decode()
    assert "Referred to a department: Education administration" in page


def test_a_closed_partner_is_offered_no_introduction_or_referral_and_a_posted_one_is_refused(host_client):
    employer = make_network_employer()
    partner = change_partner_status(make_partner(), PartnerStatus.CLOSED, host_client.host)
    url = reverse("relocation-partner-detail", args=[partner.reference])
    page = host_client.get(url).content.decode()
    assert "Skicka kontaktförfrågan" not in page and "Skicka remissen" not in page
    assert "Tjänsten för den här medflyttaren är avslutad." in page
    response = host_client.post(
        reverse("relocation-partner-introduce", args=[partner.reference]),
        {"introduce-employer": employer.pk, "introduce-message": ""},
        follow=True,
    )
    assert "En avslutad medflyttare kan inte presenteras; öppna igen först." in response.content.decode()
    assert not partner.introductions.exists()
    assert not OutboxMessage.objects.filter(template_name="relocation_introduction").exists()
