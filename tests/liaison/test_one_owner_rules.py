"""Rules with one owner: how a staff link is made, which liaison officers and officials are told or
offered, and how a timeline event is recorded. Each holds the same wherever it is used."""

import re
from unittest import mock

import pytest
from django.urls import reverse

from forum.forms import SeriesForm
from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.roles import LIAISON_GROUP
from liaison.models import Case, CaseEvent, CaseStatus, EventKind
from liaison.services import case_events
from liaison.services.meetings import contact_invitee, note_answer, schedule_meeting
from liaison.services.referrals import decline_referral, route_case
from liaison.services.tracking import add_company_message
from meetings.models import Answer
from meetings.services import record_answer
from tests.factories import make_liaison, make_official, make_user
from tests.liaison.factories import make_case
from tests.liaison.meeting_factories import make_referral, stockholm

pytestmark = pytest.mark.django_db

STAFF_LINK = re.compile(r"http://[^/\s\"]+(/staff/link/[^/\s\"]+/)")


def recipients(template: str) -> list[str]:
    return sorted(OutboxMessage.objects.filter(template_name=template).values_list("recipient", flat=True))


@pytest.mark.parametrize("template", ["new_case_notice", "track_message_notice"])
def test_staff_emails_about_a_case_link_to_it_with_a_signed_staff_link(client, template):
    liaison = make_liaison("lina")
    case = make_case()
    add_company_message(case, "Ritningarna är klara.")
    message = OutboxMessage.objects.get(template_name=template)
    for body in (message.body_text, message.body_html):
        assert "/cases/" not in body, "an unsigned link to the case page"
        (path,) = set(STAFF_LINK.findall(body))
    client.force_login(liaison)
    assert client.get(path)["Location"] == reverse("case-detail", args=[case.reference])


def test_a_new_case_is_told_to_active_liaison_officers_only():
    make_liaison("lina")
    make_user("lars", LIAISON_GROUP, is_active=False)
    make_case()
    assert recipients("new_case_notice") == ["lina@example.se"]


def test_a_decline_skips_an_inactive_owner_and_tells_the_active_liaison_officers(building_department):
    make_liaison("lina")
    departed = make_liaison("lars")
    official = make_official("bo", building_department)
    case = make_case(owner=departed)
    departed.is_active = False
    departed.save()
    (referral,) = route_case(case, [building_department], make_liaison("lotta"))
    decline_referral(referral, official, "Fel verksamhet.")
    assert recipients("referral_declined") == ["lina@example.se", "lotta@example.se"]


def test_a_company_message_skips_an_inactive_owner_too():
    make_liaison("lina")
    departed = make_user("lars", LIAISON_GROUP, is_active=False)
    case = make_case()
    Case.objects.filter(pk=case.pk).update(owner=departed)
    add_company_message(Case.objects.get(pk=case.pk), "Hej")
    assert recipients("track_message_notice") == ["lina@example.se"]


def test_the_forum_invite_list_offers_only_active_officials(building_department):
    make_official("bo", building_department)
    departed = make_official("ture", building_department)
    departed.is_active = False
    departed.save()
    offered = SeriesForm().fields["invited_officials"].queryset
    assert [user.username for user in offered] == ["bo"]


def test_a_referral_reaches_only_the_departments_active_officials(liaison, building_department):
    make_official("bo", building_department)
    departed = make_official("ture", building_department)
    departed.is_active = False
    departed.save()
    # On the department's list but no longer an official: they could not open the referral.
    building_department.officials.add(make_user("stina"))
    route_case(make_case(), [building_department], liaison)
    assert recipients("referral_new") == ["bo@example.se"]


def schedule(case, organizer):  # noqa: ANN001, ANN201
    return schedule_meeting(
        case,
        organizer=organizer,
        title="Möte",
        start=stockholm(2030, 5, 14, 9),
        end=stockholm(2030, 5, 14, 10),
        invitees=[contact_invitee(case)],
    )


def test_every_timeline_event_is_recorded_through_record_event(liaison, building_department):
    """record_event also drops the dashboard's cached counts: one drop per event proves the route."""
    official = make_official("bo", building_department)
    with mock.patch.object(
        case_events, "invalidate_dashboard_counts", wraps=case_events.invalidate_dashboard_counts
    ) as recorded:
        case = make_case()
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.WAITING)
        add_company_message(Case.objects.get(pk=case.pk), "Här är svaret")
        make_referral(case, building_department, official=official)
        case_meeting = schedule(case, liaison)
        record_answer(case_meeting.meeting.invitations.get(), Answer.ACCEPTED, "", actor=None)
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.SUBMITTED,
        EventKind.COMPANY_MESSAGE,
        EventKind.STATUS_CHANGED,
        EventKind.MEETING_SCHEDULED,
        EventKind.MEETING_ANSWER,
    ]
    assert recorded.call_count == CaseEvent.objects.count()


def test_meeting_events_name_the_staff_member_as_every_other_event_does(building_department):
    nameless = make_liaison("lotsen")
    nameless.first_name = ""
    nameless.save()
    case = make_case()
    case_meeting = schedule(case, nameless)
    scheduled = case.events.get(kind=EventKind.MEETING_SCHEDULED)
    assert scheduled.actor_name == "lotsen"
    invitation = case_meeting.meeting.invitations.get()
    assert note_answer(invitation, actor=None).actor_name == case.contact_name


def test_case_meetings_invite_with_the_meetings_apps_invitee():
    from liaison.services import meetings as case_meetings
    from meetings.services import Invitee

    assert case_meetings.Invitee is Invitee
    assert isinstance(case_meetings.contact_invitee(make_case()), Invitee)
