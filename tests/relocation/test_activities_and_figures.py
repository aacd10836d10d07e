"""Activities for newcomers through the meetings app, invitations only under consent (b); the
unit's figures with the numbers behind the chart."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import Invitation
from relocation.figures import matched_in_time
from relocation.models import PartnerOutcome, PartnerStatus
from relocation.services.activities import invite_partners, schedule_activity
from relocation.services.hosting import change_partner_status
from relocation.services.partners import set_consent
from relocation.services.retention import delete_partner
from tests.relocation.factories import make_host, make_network_employer, make_partner

pytestmark = pytest.mark.django_db


def next_week():  # type: ignore[no-untyped-def]
    start = timezone.now().replace(microsecond=0) + timedelta(days=7)
    return start, start + timedelta(hours=2)


def test_only_partners_who_consented_to_b_are_invited_with_ics_and_answer_links():
    host = make_host()
    yes = make_partner(email="yes@example.org", consent_activities=True, language="en")
    make_partner(email="no@example.org", consent_activities=False)
    start, end = next_week()
    activity = schedule_activity(
        title="Walk by the harbour", description="", start=start, end=end, place="Väggaparken", organizer=host
    )
    assert list(Invitation.objects.values_list("email", flat=True)) == ["yes@example.org"]
    mail = OutboxMessage.objects.get(template_name="meeting_invitation")
    assert mail.recipient == "yes@example.org" and mail.language == "en"
    assert mail.attachments[0]["content_type"].startswith("text/calendar")
    assert "/meetings/answer/" in mail.body_text
    assert activity.partner_invitations.get().partner == yes


def test_a_partner_who_consents_later_is_invited_once_and_withdrawing_takes_them_off():
    host = make_host()
    start, end = next_week()
    activity = schedule_activity(
        title="Fika", description="", start=start, end=end, place="Biblioteket", organizer=host
    )
    late = make_partner(email="late@example.org")
    set_consent(late, "consent_activities", True)
    assert invite_partners(activity, host) == 1
    assert invite_partners(activity, host) == 0
    set_consent(late, "consent_activities", False)
    assert not Invitation.objects.filter(email="late@example.org").exists()
    assert OutboxMessage.objects.filter(
        template_name="meeting_removed", recipient="late@example.org"
    ).exists()


def test_the_host_schedules_an_activity_on_the_page(client):
    host = make_host()
    make_partner(consent_activities=True)
    client.force_login(host)
    day = timezone.localdate() + timedelta(days=10)
    response = client.post(
        reverse("relocation-activities"),
        {
            "title": "Svenska samtalskväll",
            "day": day.isoformat(),
            "start_time": "18:00",
            "end_time": "20:00",
            "place": "Stadsbiblioteket",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("relocation-activities")).content.decode()
    assert "Svenska samtalskväll" in page and "18:00" in page


def test_an_activity_in_the_past_or_ending_before_it_starts_is_refused_with_what_was_typed(client):
    client.force_login(make_host())
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        reverse("relocation-activities"),
        {"title": "Late fika", "day": yesterday, "start_time": "18:00", "end_time": "17:00", "place": "Kafé"},
    )
    page = response.content.decode()
    assert "Aktiviteten måste sluta efter att den börjat." in page and "Late fika" in page


def test_matched_within_six_months_counts_the_day_six_months_after():
    assert matched_in_time(date(2026, 1, 31), date(2026, 7, 31))
    assert not matched_in_time(date(2026, 1, 31), date(2026, 8, 1))
    assert not matched_in_time(date(2026, 1, 31), None)


def test_the_figures_count_every_partner_by_year_and_employer_and_survive_deletion(client):
    host = make_host()
    employer = make_network_employer("Södra Cell Mörrum")
    matched = make_partner()
    PartnerOutcome.objects.filter(partner=matched).update(employer=employer)
    change_partner_status(matched, PartnerStatus.MATCHED, host)
    gone = make_partner()
    delete_partner(gone.pk, on_request=True)
    make_partner()
    client.force_login(host)
    page = client.get(reverse("relocation-figures")).content.decode()
    year = str(timezone.localdate().year)
    assert f'<th scope="row">{year}</th><td>3</td><td>1</td><td>33 %</td>' in page
    assert '<th scope="row">Södra Cell Mörrum</th><td>1</td><td>1</td><td>100 %</td>' in page
    assert '<th scope="row">Kom på egen hand</th><td>2</td><td>0</td><td>0 %</td>' in page
    assert '<progress max="100" value="33"' in page
