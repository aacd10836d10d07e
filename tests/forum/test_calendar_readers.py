"""The forum feed and every invitation, read by three calendar libraries as calendar programs
read them: each must put the demo series' 07:30 at 07:30 local time, winter and summer alike.

icalendar with recurring-ical-events expands the feed's rule; vobject and ics (the `ics` package)
read the times through the file's own VTIMEZONE, which is where a wrong definition shows.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import ics
import pytest
import recurring_ical_events
import vobject
from icalendar import Calendar

from forum.services.invitations import send_due_invitations
from forum.services.occurrences import move_occurrence
from karlshamn_portal.outbox.models import OutboxMessage
from meetings.services import cancel_meeting
from tests.forum.factories import make_subscriber

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WINTER = date(2027, 2, 2)  # first Tuesday of February: CET, UTC+1
SUMMER = date(2027, 6, 1)  # first Tuesday of June: CEST, UTC+2
SEVEN_THIRTY = time(7, 30)


def _local_times_by_vobject(text: str) -> list[datetime]:
    calendar = vobject.readOne(text)
    events = calendar.vevent_list
    # An override (RECURRENCE-ID) takes the place of the rule's instance it names.
    replaced = {event.recurrence_id.value for event in events if hasattr(event, "recurrence_id")}
    starts = []
    for event in events:
        rule = event.getrruleset(addRDate=True)
        if rule is None:
            starts.append(event.dtstart.value)
        else:
            year = (datetime(2027, 1, 1, tzinfo=STOCKHOLM), datetime(2027, 12, 31, tzinfo=STOCKHOLM))
            starts.extend(moment for moment in rule.between(*year) if moment not in replaced)
    return [moment.astimezone(STOCKHOLM) for moment in starts]


def _local_times_by_ics(text: str) -> list[datetime]:
    # ics 0.7 does not expand rules: it reads each VEVENT's own start.
    return [event.begin.datetime.astimezone(STOCKHOLM) for event in ics.Calendar(text).events]


def _local_times_by_recurring_ical_events(text: str) -> list[datetime]:
    events = recurring_ical_events.of(Calendar.from_ical(text)).between(date(2027, 1, 1), date(2027, 12, 31))
    return [event.decoded("DTSTART").astimezone(STOCKHOLM) for event in events]


READERS = [_local_times_by_vobject, _local_times_by_ics, _local_times_by_recurring_ical_events]


def _starts_on(moments: list[datetime], day: date) -> list[time]:
    return [moment.time() for moment in moments if moment.date() == day]


@pytest.fixture
def demo_series(series):
    """The demo's Näringslivsforum (first Tuesday, 07:30–09:00) with a subscribed company."""
    make_subscriber(series)
    return series


@pytest.mark.parametrize("read", READERS)
def test_the_feed_gives_seven_thirty_local_in_winter_and_summer(client, demo_series, read):
    # A summer meeting that differs from the rule (another place) is written as an override, so a
    # reader that does not expand rules reads a summer start too.
    summer = demo_series.occurrences.select_related("meeting").get(original_start__date=SUMMER)
    start = summer.meeting.start
    move_occurrence(summer, start, start + timedelta(minutes=90), place="Väggaparken")

    text = client.get(f"/forum/{demo_series.slug}/calendar.ics").content.decode()
    moments = read(text)

    if read is not _local_times_by_ics:
        assert _starts_on(moments, WINTER) == [SEVEN_THIRTY]
    assert _starts_on(moments, date(2027, 1, 5)) == [SEVEN_THIRTY]  # the series' first meeting
    assert _starts_on(moments, SUMMER) == [SEVEN_THIRTY]


def _invitation_calendars() -> list[str]:
    return [
        part["content"]
        for message in OutboxMessage.objects.order_by("id")
        for part in message.attachments
        if part["content_type"].startswith("text/calendar")
    ]


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize("day", [WINTER, SUMMER])
def test_every_invitation_of_the_demo_series_gives_seven_thirty_local(demo_series, read, day):
    occurrence = demo_series.occurrences.select_related("meeting").get(original_start__date=day)
    send_due_invitations(occurrence.meeting.invite_at + timedelta(minutes=1))
    cancel_meeting(occurrence.meeting, "Sportlov")

    calendars = _invitation_calendars()
    # An invitation and a cancellation for the subscriber and the official.
    assert len(calendars) == 4
    for text in calendars:
        assert text.count("BEGIN:VTIMEZONE") == 1
        assert _starts_on(read(text), day) == [SEVEN_THIRTY]


def test_the_feed_and_the_invitations_carry_the_same_timezone_definition(client, demo_series):
    occurrence = demo_series.occurrences.select_related("meeting").first()
    send_due_invitations(occurrence.meeting.invite_at + timedelta(minutes=1))
    feed = Calendar.from_ical(client.get(f"/forum/{demo_series.slug}/calendar.ics").content)
    invitation = Calendar.from_ical(_invitation_calendars()[0])

    (feed_zone,) = feed.walk("VTIMEZONE")
    (invitation_zone,) = invitation.walk("VTIMEZONE")
    assert feed_zone.to_ical() == invitation_zone.to_ical()
    assert "RRULE" in feed_zone.walk("DAYLIGHT")[0]
    assert "RDATE" not in feed_zone.walk("DAYLIGHT")[0]


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize("day", [WINTER, SUMMER])
def test_a_case_meetings_invitation_update_cancellation_and_download_give_local_time(client, db, read, day):
    from meetings.links import answer_token
    from meetings.services import create_meeting, invite, move_meeting

    start = datetime.combine(day, SEVEN_THIRTY, tzinfo=STOCKHOLM)
    meeting = create_meeting(
        title="Samordnat möte", start=start, end=start + timedelta(hours=1), place="Rådhuset"
    )
    invitation = invite(meeting, name="Anna", email="anna@foretag.se")
    move_meeting(meeting, start=start, end=start + timedelta(minutes=90))  # an update, same start
    cancel_meeting(meeting, "Löst per telefon")
    download = client.get(
        f"/meetings/answer/{invitation.pk}/{answer_token(invitation)}/meeting.ics"
    ).content.decode()

    calendars = [*_invitation_calendars(), download]
    assert len(calendars) == 4  # invitation, update, cancellation, the download
    for text in calendars:
        assert _starts_on(read(text), day) == [SEVEN_THIRTY]
