"""Every .ics the portal sends, parsed back the way a calendar program reads it."""

from datetime import timedelta

import pytest

from meetings.models import Answer, InvitationRole
from meetings.services import cancel_meeting, invite, move_meeting, record_answer, remove_invitation
from tests.forum.test_calendar_readers import READERS
from tests.meetings.factories import STOCKHOLM, calendar_of, event_of, local, mails_to, make_meeting

pytestmark = pytest.mark.django_db


def test_invitation_is_a_request_with_one_attendee_and_the_organizer(liaison):
    meeting = make_meeting(organizer=liaison)
    invite(meeting, name="Anna Andersson", email="anna@foretag.se", role=InvitationRole.REQUIRED)

    (message,) = mails_to("anna@foretag.se")
    (part,) = message.attachments
    calendar = calendar_of(message)
    event = event_of(message)
    assert part["content_type"] == "text/calendar; method=REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]).startswith(str(meeting.uid))
    assert event["SEQUENCE"] == 0
    assert str(event["SUMMARY"]) == "Samordnat möte om bygglov"
    assert str(event["LOCATION"]) == "Rådhuset, Karlshamn"
    attendee = event["ATTENDEE"]
    assert not isinstance(attendee, list), "exactly one ATTENDEE per invitation"
    assert str(attendee) == "mailto:anna@foretag.se"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendee.params["CN"] == "Anna Andersson"
    assert str(event["ORGANIZER"]) == "mailto:naringsliv@example.se"
    assert event["ORGANIZER"].params["SENT-BY"] == f"mailto:{liaison.email}"


@pytest.mark.parametrize(
    ("start", "utc_hour"),
    [
        (local(2030, 3, 29, 9, 30), 8),  # Friday before the March change: CET, UTC+1
        (local(2030, 4, 1, 9, 30), 7),  # Monday after it: CEST, UTC+2
        (local(2030, 10, 25, 9, 30), 7),  # Friday before the October change: CEST
        (local(2030, 10, 28, 9, 30), 8),  # Monday after it: CET
    ],
)
def test_local_start_time_survives_daylight_saving_changes(start, utc_hour):
    meeting = make_meeting(start=start)
    invite(meeting, name="Bo", email="bo@kommun.se")

    event = event_of(mails_to("bo@kommun.se")[0])
    dtstart = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert (dtstart.hour, dtstart.minute) == (9, 30)
    assert dtstart.astimezone(STOCKHOLM) == start
    assert dtstart.utcoffset() == timedelta(hours=9 - utc_hour)
    assert event.decoded("DTEND") - dtstart == timedelta(hours=1)


def test_timezone_definition_gives_the_same_offsets_as_the_tz_database():
    meeting = make_meeting(start=local(2031, 3, 30, 9))  # the day of the March change
    invite(meeting, name="Bo", email="bo@kommun.se")

    (zone,) = calendar_of(mails_to("bo@kommun.se")[0]).walk("VTIMEZONE")
    tz = zone.to_tz()
    for moment in (
        local(2031, 3, 30, 9),
        local(2031, 3, 29, 9),
        local(2031, 10, 26, 9),
        local(2031, 10, 25, 9),
    ):
        naive = moment.replace(tzinfo=None)
        assert naive.replace(tzinfo=tz).utcoffset() == moment.utcoffset(), moment


def test_update_keeps_the_uid_and_raises_the_sequence():
    meeting = make_meeting()
    invite(meeting, name="Bo", email="bo@kommun.se")
    move_meeting(meeting, start=local(2030, 5, 15, 13), end=local(2030, 5, 15, 14))
    move_meeting(meeting, start=local(2030, 5, 16, 13), end=local(2030, 5, 16, 15))

    events = [event_of(message) for message in mails_to("bo@kommun.se")]
    assert len({str(event["UID"]) for event in events}) == 1
    assert [event["SEQUENCE"] for event in events] == [0, 1, 2]
    assert events[-1].decoded("DTSTART") == local(2030, 5, 16, 13)
    assert [message.template_name for message in mails_to("bo@kommun.se")] == [
        "meeting_invitation",
        "meeting_update",
        "meeting_update",
    ]


def test_cancellation_is_a_cancel_with_the_same_uid_and_a_higher_sequence():
    meeting = make_meeting()
    invite(meeting, name="Bo", email="bo@kommun.se")
    cancel_meeting(meeting, "Företaget har fått sitt besked.")

    request, cancel = mails_to("bo@kommun.se")
    (part,) = cancel.attachments
    assert part["content_type"] == "text/calendar; method=CANCEL"
    assert calendar_of(cancel)["METHOD"] == "CANCEL"
    assert event_of(cancel)["UID"] == event_of(request)["UID"]
    assert event_of(cancel)["SEQUENCE"] > event_of(request)["SEQUENCE"]
    assert event_of(cancel)["STATUS"] == "CANCELLED"
    assert "Företaget har fått sitt besked." in cancel.body_text


def test_removed_invitee_gets_a_cancel_for_the_same_meeting():
    meeting = make_meeting()
    invitation = invite(meeting, name="Bo", email="bo@kommun.se")
    remove_invitation(invitation)

    request, cancel = mails_to("bo@kommun.se")
    assert cancel.template_name == "meeting_removed"
    assert calendar_of(cancel)["METHOD"] == "CANCEL"
    assert event_of(cancel)["UID"] == event_of(request)["UID"]
    assert event_of(cancel)["SEQUENCE"] == 1


def test_attendee_answer_shows_in_later_updates_only_until_the_time_changes():
    meeting = make_meeting()
    invitation = invite(meeting, name="Bo", email="bo@kommun.se")
    record_answer(invitation, Answer.ACCEPTED)
    move_meeting(meeting, start=meeting.start, end=meeting.end, place="Näringslivsenheten")
    move_meeting(meeting, start=meeting.start + timedelta(days=1), end=meeting.end + timedelta(days=1))

    place_change, time_change = mails_to("bo@kommun.se")[1:]
    assert event_of(place_change)["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert event_of(time_change)["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"


def test_series_occurrence_carries_the_series_uid_and_its_original_start():
    original = local(2030, 11, 5, 7, 30)
    meeting = make_meeting(start=original, series_uid="naringslivsforum@karlshamn", recurrence_id=original)
    invite(meeting, name="Bo", email="bo@kommun.se")
    move_meeting(meeting, start=local(2030, 11, 6, 7, 30), end=local(2030, 11, 6, 9))

    event = event_of(mails_to("bo@kommun.se")[-1])
    assert str(event["UID"]) == "naringslivsforum@karlshamn"
    assert event.decoded("RECURRENCE-ID") == original
    assert event.decoded("DTSTART") == local(2030, 11, 6, 7, 30)


def test_delivered_mail_has_a_calendar_part_whose_method_matches_the_file(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(make_meeting(), name="Bo", email="bo@kommun.se")

    (mail,) = mailoutbox
    message = mail.message()
    # One calendar body in the alternatives (what mail programs show as an invitation) and the
    # same calendar as a file.
    body, attached = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    for part in (body, attached):
        assert part.get_param("method") == "REQUEST"
        assert part.get_param("charset") == "utf-8"
        assert "METHOD:REQUEST" in part.get_payload(decode=True).decode()
    assert body.get_filename() is None
    assert attached.get_filename() == "invite.ics"


@pytest.mark.parametrize("read", READERS)
def test_a_meeting_moved_across_the_march_change_reads_as_half_past_seven_in_every_reader(read):
    # The case meetings' and visits' calendars share the forum feed's VTIMEZONE (meetings.ics):
    # the three calendar readers of the feed's test read their local times as well. The readers
    # look at 2027, when summer time starts on 28 March.
    winter, summer = local(2027, 3, 23, 7, 30), local(2027, 4, 6, 7, 30)
    meeting = make_meeting(start=winter)
    invite(meeting, name="Bo", email="bo@kommun.se")
    move_meeting(meeting, start=summer, end=summer + timedelta(hours=1))
    cancel_meeting(meeting, "Inställt.")

    calendars = [message.attachments[0]["content"] for message in mails_to("bo@kommun.se")]
    assert [read(text) for text in calendars] == [[winter], [summer], [summer]]
