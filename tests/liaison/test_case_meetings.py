"""Coordinated meetings on a case: defaults, scheduling, changes and the timeline (J5)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import CaseEvent, CaseMeeting, EventKind, ReferralStatus
from liaison.services.meetings import (
    cancel_case_meeting,
    contact_invitee,
    handling_officials,
    move_case_meeting,
    official_invitee,
    schedule_meeting,
)
from liaison.timeline import event_summary
from meetings.models import Answer
from meetings.services import record_answer
from tests.factories import make_official
from tests.liaison.meeting_factories import make_case, make_referral, stockholm

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(building_department, environment_department, building_official, environment_official):
    case = make_case("NL-2030-0042")
    make_referral(case, building_department, official=building_official)
    make_referral(case, environment_department)  # nobody picked yet: the whole department
    return case


def _schedule(case, liaison, **overrides):  # noqa: ANN001
    people = [contact_invitee(case)] + [official_invitee(user) for user in handling_officials(case)]
    fields = {
        "organizer": liaison,
        "title": "Möte om utbyggnaden",
        "start": stockholm(2030, 5, 14, 9),
        "end": stockholm(2030, 5, 14, 10),
        "place": "Rådhuset",
        "invitees": people,
        **overrides,
    }
    return schedule_meeting(case, **fields)


def _form(**overrides: object) -> dict:
    return {
        "title": "Möte om utbyggnaden",
        "date": "2030-05-14",
        "time": "09:00",
        "duration": "90",
        "place": "Rådhuset, Karlshamn",
        "online_url": "",
        "description": "",
        "invite_contact": "on",
        "reminder_hours": "24",
        **overrides,
    }


def test_handling_officials_are_the_referral_official_or_the_whole_department(
    case, building_official, environment_official, environment_department, building_department
):
    colleague = make_official("siv", environment_department)
    make_official("ture", building_department)  # not picked: bo handles the building referral

    assert {user.username for user in handling_officials(case)} == {"bo", "maja", "siv"}
    assert colleague.pk in {user.pk for user in handling_officials(case)}


def test_declined_referrals_bring_nobody(case, building_department):
    case.referrals.filter(department=building_department).update(status=ReferralStatus.DECLINED)
    assert {user.username for user in handling_officials(case)} == {"maja"}


def test_scheduling_invites_everyone_and_notes_it_on_the_timeline(case, liaison):
    case_meeting = _schedule(case, liaison)

    recipients = set(
        OutboxMessage.objects.filter(template_name="meeting_invitation").values_list("recipient", flat=True)
    )
    assert recipients == {"anna@hamnensbageri.se", "bo@example.se", "maja@example.se"}
    event = CaseEvent.objects.get(kind=EventKind.MEETING_SCHEDULED)
    assert event.case == case and event.is_public
    assert event.data["meeting"] == case_meeting.meeting_id
    # Put into words in the reader's language when shown, not when stored.
    with translation.override("sv"):
        assert "tisdag 14 maj 2030 09:00–10:00" in event_summary(event)
    with translation.override("en"):
        assert "Tuesday 14 May 2030 09:00–10:00" in event_summary(event)


def test_answers_land_on_the_timeline_for_staff_only(case, liaison):
    case_meeting = _schedule(case, liaison)
    invitation = case_meeting.meeting.invitations.get(email="bo@example.se")

    record_answer(invitation, Answer.DECLINED, "Semester den veckan")

    event = CaseEvent.objects.get(kind=EventKind.MEETING_ANSWER)
    assert event.text == "Semester den veckan"
    with translation.override("sv"):
        assert event_summary(event) == "Bo: Tackat nej"
    with translation.override("en"):
        assert event_summary(event) == "Bo: Declined"
    assert not event.is_public
    assert event.actor_name == "Bo"


def test_moving_and_cancelling_are_on_the_timeline(case, liaison):
    case_meeting = _schedule(case, liaison)
    move_case_meeting(
        case_meeting,
        actor=liaison,
        start=stockholm(2030, 5, 15, 13),
        end=stockholm(2030, 5, 15, 14),
        place="Rådhuset",
        online_url="",
    )
    cancel_case_meeting(case_meeting, actor=liaison, reason="Frågan är löst")

    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == [EventKind.MEETING_SCHEDULED, EventKind.MEETING_CHANGED, EventKind.MEETING_CANCELLED]
    assert CaseEvent.objects.get(kind=EventKind.MEETING_CANCELLED).text == "Frågan är löst"
    moved = CaseEvent.objects.get(kind=EventKind.MEETING_CHANGED)
    with translation.override("en"):
        assert "Wednesday 15 May 2030 13:00–14:00, Rådhuset (before: Tuesday 14 May 2030 09:00)" in (
            event_summary(moved)
        )
    assert OutboxMessage.objects.filter(template_name="meeting_update").count() == 3
    assert OutboxMessage.objects.filter(template_name="meeting_cancelled").count() == 3


def test_schedule_form_ticks_the_handling_officials_and_names_the_contact(
    client, case, liaison, building_official
):
    other = make_official("ture")
    client.force_login(liaison)

    page = client.get(reverse("case-meeting-new", args=[case.reference])).text

    assert "Anna Andersson &lt;anna@hamnensbageri.se&gt;" in page
    assert f'value="{building_official.pk}"' in page and f'value="{other.pk}"' in page
    assert page.count("checked") == 3  # the contact, bo and maja


def test_liaison_schedules_from_the_form_with_stockholm_time(client, case, liaison, building_official):
    other = make_official("ture")
    client.force_login(liaison)

    response = client.post(
        reverse("case-meeting-new", args=[case.reference]), _form(officials=[building_official.pk, other.pk])
    )

    meeting = CaseMeeting.objects.get(case=case).meeting
    assert response.status_code == 302
    assert meeting.start == stockholm(2030, 5, 14, 9)
    assert meeting.end - meeting.start == timedelta(minutes=90)
    assert meeting.reminder_offsets == [24 * 60]
    assert sorted(meeting.invitations.values_list("email", flat=True)) == [
        "anna@hamnensbageri.se",
        "bo@example.se",
        "ture@example.se",
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"place": ""}, "place", "Ange en plats"),
        ({"date": "2020-01-01"}, "date", "framtiden"),
        ({"date": "2030-03-31", "time": "02:30"}, "time", "finns inte"),
        ({"invite_contact": ""}, "officials", "minst en person"),
    ],
)
def test_schedule_form_explains_mistakes_and_keeps_the_input(
    client, case, liaison, overrides, field, message
):
    client.force_login(liaison)

    response = client.post(reverse("case-meeting-new", args=[case.reference]), _form(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert "Möte om utbyggnaden" in response.text
    assert CaseMeeting.objects.count() == 0


def test_only_liaison_officers_reach_the_meeting_pages(client, case, liaison, building_official, outsider):
    case_meeting = _schedule(case, liaison)
    urls = [
        reverse("case-meetings", args=[case.reference]),
        reverse("case-meeting-new", args=[case.reference]),
        reverse("case-meeting", args=[case.reference, case_meeting.meeting_id]),
    ]
    for user, status in ((building_official, 403), (outsider, 403), (liaison, 200)):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [status] * 3, user
    client.logout()
    assert all(client.get(url).status_code == 302 for url in urls)
    client.force_login(building_official)
    post = client.post(
        reverse("case-meeting-cancel", args=[case.reference, case_meeting.meeting_id]), {"reason": "x"}
    )
    assert post.status_code == 403


def test_meeting_of_another_case_is_not_found_under_this_case(client, case, liaison):
    case_meeting = _schedule(case, liaison)
    other = make_case("NL-2030-0043")
    client.force_login(liaison)
    assert (
        client.get(reverse("case-meeting", args=[other.reference, case_meeting.meeting_id])).status_code
        == 404
    )


def test_liaison_moves_cancels_and_edits_invitees_from_the_meeting_page(client, case, liaison):
    case_meeting = _schedule(case, liaison)
    meeting = case_meeting.meeting
    ture = make_official("ture")
    client.force_login(liaison)
    args = [case.reference, meeting.pk]

    client.post(reverse("case-meeting-invite", args=args), {"official": ture.pk})
    bo = meeting.invitations.get(email="bo@example.se")
    client.post(reverse("case-meeting-remove", args=[*args, bo.pk]))
    client.post(reverse("case-meeting-move", args=args), _form(date="2030-05-16", time="13:30"))
    client.post(reverse("case-meeting-cancel", args=args), {"reason": "Löst per telefon"})

    meeting.refresh_from_db()
    assert meeting.start == stockholm(2030, 5, 16, 13, 30)
    assert meeting.is_cancelled and meeting.cancel_reason == "Löst per telefon"
    assert sorted(meeting.invitations.values_list("email", flat=True)) == [
        "anna@hamnensbageri.se",
        "maja@example.se",
        "ture@example.se",
    ]
    assert (
        OutboxMessage.objects.filter(recipient="bo@example.se", template_name="meeting_removed").count() == 1
    )


def test_invalid_move_shows_the_error_on_the_meeting_page(client, case, liaison):
    case_meeting = _schedule(case, liaison)
    client.force_login(liaison)

    response = client.post(
        reverse("case-meeting-move", args=[case.reference, case_meeting.meeting_id]), _form(date="")
    )

    assert response.status_code == 400
    assert "is-invalid" in response.text


def test_case_page_section_shows_every_answer_in_constant_queries(
    client, case, liaison, django_assert_max_num_queries
):
    from django.template.loader import render_to_string

    for day in (14, 15, 16):
        case_meeting = _schedule(
            case, liaison, start=stockholm(2030, 5, day, 9), end=stockholm(2030, 5, day, 10)
        )
        record_answer(case_meeting.meeting.invitations.get(email="maja@example.se"), Answer.ACCEPTED)

    with django_assert_max_num_queries(2):
        html = render_to_string(
            "liaison/includes/case_meetings.html", {"case": case, "user_is_liaison": True}
        )

    assert html.count("<article") == 3
    assert html.count("Maja") == 3
    assert "Boka ett möte" in html


def test_saving_the_same_time_again_says_nothing_changed(client, case, liaison):
    case_meeting = _schedule(case, liaison)
    client.force_login(liaison)

    response = client.post(
        reverse("case-meeting-move", args=[case.reference, case_meeting.meeting_id]),
        _form(place="Rådhuset", duration="60"),
        follow=True,
    )

    assert "Inget ändrades." in response.text
    assert not CaseEvent.objects.filter(kind=EventKind.MEETING_CHANGED).exists()


@pytest.mark.parametrize("people", [2, 12])
def test_meeting_pages_run_a_constant_number_of_queries(
    client, case, liaison, people, django_assert_max_num_queries
):
    for number in range(people):
        make_official(f"official{number}")
    case_meeting = _schedule(case, liaison)
    for invitation in case_meeting.meeting.invitations.all()[:2]:
        record_answer(invitation, Answer.ACCEPTED)
    client.force_login(liaison)

    with django_assert_max_num_queries(12):
        assert client.get(reverse("case-meeting-new", args=[case.reference])).status_code == 200
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("case-meeting", args=[case.reference, case_meeting.meeting_id])).status_code
            == 200
        )


def test_liaison_chooses_when_the_reminder_goes_out(client, case, liaison):
    from meetings.models import Reminder

    client.force_login(liaison)
    client.post(reverse("case-meeting-new", args=[case.reference]), _form(reminder_hours="2"))

    meeting = CaseMeeting.objects.get(case=case).meeting
    assert meeting.reminder_offsets == [120]
    assert set(Reminder.objects.values_list("due_at", flat=True)) == {stockholm(2030, 5, 14, 7)}


def test_officials_and_outsiders_cannot_change_case_meetings(
    client, case, liaison, building_official, outsider
):
    case_meeting = _schedule(case, liaison)
    args = [case.reference, case_meeting.meeting_id]
    invitation = case_meeting.meeting.invitations.first()
    posts = {
        reverse("case-meeting-new", args=[case.reference]): _form(),
        reverse("case-meeting-move", args=args): _form(time="15:00"),
        reverse("case-meeting-cancel", args=args): {"reason": "x"},
        reverse("case-meeting-invite", args=args): {"official": building_official.pk},
        reverse("case-meeting-remove", args=[*args, invitation.pk]): {},
    }
    for user in (building_official, outsider):
        client.force_login(user)
        assert [client.post(url, data).status_code for url, data in posts.items()] == [403] * 5
    case_meeting.meeting.refresh_from_db()
    assert case_meeting.meeting.sequence == 0 and CaseMeeting.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("en", ["Tuesday 14 May 2030 09:00–10:00", "Bo: Declined"], ["tisdag", "Tackat nej"]),
        ("sv", ["tisdag 14 maj 2030 09:00–10:00", "Bo: Tackat nej"], ["Tuesday", "Bo: Declined"]),
    ],
)
def test_the_case_timeline_tells_meetings_in_the_readers_language(
    client, case, liaison, language, shown, not_shown
):
    case_meeting = _schedule(case, liaison)
    record_answer(case_meeting.meeting.invitations.get(email="bo@example.se"), Answer.DECLINED, "Semester")
    client.force_login(liaison)
    client.cookies["django_language"] = language

    page = client.get(reverse("case-detail", args=[case.reference])).content.decode()
    timeline = page[page.index('class="list-unstyled timeline"') :]
    for text in shown:
        assert text in timeline
    for text in not_shown:
        assert text not in timeline


def test_the_company_reads_its_meeting_in_its_language(client, case, liaison):
    _schedule(case, liaison)
    from liaison.services.tracking import make_track_token

    page = client.get(reverse("track", args=[make_track_token(case)]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Möte om utbyggnaden: Tuesday 14 May 2030 09:00–10:00, Rådhuset" in page.content.decode()
