"""iCalendar files for meeting invitations, updates, cancellations and calendar feeds.

Times are written in Europe/Stockholm with a VTIMEZONE, so a calendar program shows the local
time the organizer chose, on either side of a daylight-saving change.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import (
    Calendar,
    Component,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vText,
)

from meetings.models import Answer, Invitation, Meeting, MeetingStatus

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"
PRODID = "-//Karlshamns kommun//Näringslivsportalen//SV"


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, local_zone())


def meeting_uid(meeting: Meeting) -> str:
    """The UID a calendar program files the meeting under; a series occurrence shares the series UID."""
    if meeting.series_uid and meeting.recurrence_id:
        return meeting.series_uid
    host = urlparse(settings.SITE_URL).hostname or "karlshamn-portal"
    return f"{meeting.uid}@{host}"


def organizer_address() -> tuple[str, str]:
    """The portal's own sender (name, address): answers by e-mail reach the business unit."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    return address


def _organizer(meeting: Meeting) -> vCalAddress:
    portal_name, portal_email = organizer_address()
    name = meeting.organizer.get_full_name() if meeting.organizer else ""
    address = _address(portal_email, name or portal_name)
    if meeting.organizer and meeting.organizer.email:
        # Replies go to the portal's address; SENT-BY names the liaison officer who set it up.
        address.params["SENT-BY"] = f"mailto:{meeting.organizer.email}"
    return address


def _attendee(attendee: Invitation, cancelled: bool) -> vCalAddress:
    address = _address(attendee.email, attendee.name)
    address.params["ROLE"] = attendee.role
    address.params["PARTSTAT"] = attendee.answer
    address.params["CUTYPE"] = "INDIVIDUAL"
    if attendee.answer == Answer.NEEDS_ACTION and not cancelled:
        address.params["RSVP"] = "TRUE"
    return address


def meeting_event(
    meeting: Meeting,
    attendee: Invitation | None = None,
    *,
    sequence: int | None = None,
    stamp: datetime | None = None,
) -> Event:
    """One VEVENT for the meeting, with the one attendee an invitation e-mail is about."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp or timezone.now())
    event.add("sequence", meeting.sequence if sequence is None else sequence)
    event.add("summary", meeting.title)
    event.add("dtstart", _local(meeting.start))
    event.add("dtend", _local(meeting.end))
    if meeting.series_uid and meeting.recurrence_id:
        event.add("recurrence-id", _local(meeting.recurrence_id))
    location = ", ".join(part for part in (meeting.place, meeting.online_url) if part)
    if location:
        event.add("location", location)
    if meeting.online_url:
        event.add("url", meeting.online_url)
    if meeting.description:
        event.add("description", meeting.description)
    event.add("organizer", _organizer(meeting))
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if attendee is not None:
        event.add("attendee", _attendee(attendee, cancelled))
    return event


def _calendar(method: str | None, events: Iterable[Event], name: str = "") -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    add_local_timezone(calendar)
    return calendar.to_ical().decode()


def add_local_timezone(calendar: Calendar) -> None:
    """The VTIMEZONE of every calendar the portal writes (invitations, updates, feeds): one
    definition everywhere, so every calendar program reads the same local times from each file.

    Europe/Stockholm is written with RRULEs; icalendar's generated one (RDATE lists, only valid
    from 1970 to 2038) made vobject put summer meetings an hour late. Another TIME_ZONE gets the
    generated one.
    """
    if settings.TIME_ZONE == "Europe/Stockholm":
        # Before the events that use it, as some readers expect.
        calendar.subcomponents.insert(0, _stockholm_timezone())
    calendar.add_missing_timezones()  # only does something for another TIME_ZONE


def _observance(part: Component, name: str, first: datetime, from_hours: int, month: int) -> Component:
    """One half of the year: from the last Sunday of `month`, at local wall-clock time `first`."""
    part.add("tzname", name)
    part.add("dtstart", first)
    part.add("tzoffsetfrom", timedelta(hours=from_hours))
    part.add("tzoffsetto", timedelta(hours=3 - from_hours))
    part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
    return part


def _stockholm_timezone() -> Timezone:
    """Europe/Stockholm with the EU rules (last Sunday of March and October, 01:00 UTC).

    Written as two RRULEs rather than icalendar's generated list of dates, which ends in 2038
    and which Outlook reads less reliably.
    """
    zone = Timezone()
    zone.add("tzid", settings.TIME_ZONE)
    zone.add_component(_observance(TimezoneDaylight(), "CEST", datetime(1981, 3, 29, 2, 0), 1, 3))  # noqa: DTZ001
    zone.add_component(_observance(TimezoneStandard(), "CET", datetime(1996, 10, 27, 3, 0), 2, 10))  # noqa: DTZ001
    return zone


def invitation_ics(invitation: Invitation, *, stamp: datetime | None = None) -> str:
    """A REQUEST for one invitee: a new invitation or an update of a moved meeting."""
    return _calendar(REQUEST, [meeting_event(invitation.meeting, invitation, stamp=stamp)])


class InvitationCalendars:
    """invitation_ics for many invitees of one meeting, built once.

    Only the ATTENDEE line differs between invitees (properties are written in name order), so
    the calendar is serialized once for a stand-in and each invitee's own line, written by
    icalendar as in the full file, takes the stand-in's place.
    """

    # Folded over several lines, with characters iCalendar escapes or quotes.
    STAND_IN_NAME = 'Stand-in, "Åsa"; Öberg-Långnamn\\ ' + "x" * 60

    def __init__(self, meeting: Meeting, recipients: int) -> None:
        self.meeting = meeting
        self.stamp = timezone.now()
        self._around: tuple[str, str] | None = None
        if recipients < 3:
            return
        stand_in = Invitation(meeting=meeting, name=self.STAND_IN_NAME, email="stand-in@example.invalid")
        line = f"\r\n{self._line(stand_in)}\r\n"
        whole = invitation_ics(stand_in, stamp=self.stamp)
        if whole.count(line) == 1:
            before, after = whole.split(line)
            self._around = (before + "\r\n", "\r\n" + after)

    def _line(self, invitation: Invitation) -> str:
        # The line as Component.to_ical writes it (checked against the whole file in __init__).
        event = Event()
        event.add("attendee", _attendee(invitation, self.meeting.status == MeetingStatus.CANCELLED))
        return event.content_line("ATTENDEE", event["ATTENDEE"]).to_ical().decode()

    def ics(self, invitation: Invitation) -> str:
        if self._around is None:
            return invitation_ics(invitation, stamp=self.stamp)
        before, after = self._around
        return before + self._line(invitation) + after


def cancellation_ics(invitation: Invitation, *, sequence: int | None = None) -> str:
    """A CANCEL for one invitee: the meeting was cancelled or the person was taken off the list."""
    return _calendar(CANCEL, [_cancelled_event(invitation, sequence)])


def _cancelled_event(invitation: Invitation, sequence: int | None) -> Event:
    event = meeting_event(invitation.meeting, invitation, sequence=sequence)
    event["status"] = "CANCELLED"
    return event


def single_event_ics(meeting: Meeting) -> str:
    """One meeting to import by hand (no METHOD: nothing to answer through the calendar)."""
    return _calendar(None, [meeting_event(meeting)])


def feed_ics(meetings: Iterable[Meeting], name: str) -> str:
    """A subscribable calendar (no METHOD, or PUBLISH semantics): every meeting, cancelled ones marked."""
    return _calendar(None, [meeting_event(meeting) for meeting in meetings], name=name)


def content_type(method: str) -> str:
    # The MIME method parameter must match METHOD in the file, or Outlook shows a plain attachment.
    return f"text/calendar; method={method}"
