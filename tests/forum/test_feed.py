"""The calendar feed /forum/<slug>/calendar.ics."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from forum.services.occurrences import cancel_occurrence, move_occurrence
from forum.services.series import update_series

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _feed(client, series):
    response = client.get(f"/forum/{series.slug}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar):
    return calendar.walk("VEVENT")


def test_the_feed_is_one_recurring_event_in_stockholm_time(client, series):
    calendar = _feed(client, series)
    (master,) = _events(calendar)
    assert master["UID"] == series.calendar_uid
    start = master.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert (start.hour, start.minute) == (7, 30)
    assert master["RRULE"].to_ical() == b"FREQ=MONTHLY;BYDAY=1TU"
    assert calendar.walk("VTIMEZONE")


def test_cancelled_and_moved_meetings_are_overrides_with_their_recurrence_id(client, series):
    first, second, third = series.occurrences.select_related("meeting")[:3]
    cancel_occurrence(second, "Sportlov")
    new_start = third.meeting.start + timedelta(days=1)
    move_occurrence(third, new_start, new_start + timedelta(hours=1))

    events = _events(_feed(client, series))
    assert {event["UID"] for event in events} == {series.calendar_uid}
    overrides = {event.decoded("RECURRENCE-ID"): event for event in events if "RECURRENCE-ID" in event}
    assert set(overrides) == {second.original_start, third.original_start}
    assert str(overrides[second.original_start]["STATUS"]) == "CANCELLED"
    moved = overrides[third.original_start]
    assert moved.decoded("DTSTART") == new_start
    assert str(moved["STATUS"]) == "CONFIRMED"
    assert moved["SEQUENCE"] == 1


def test_meetings_of_an_earlier_rule_stay_in_the_feed_as_extra_dates(client, series, clock):
    first = series.occurrences.select_related("meeting").first()
    clock.move_to(first.meeting.end + timedelta(hours=1))
    update_series(series, rule="FREQ=MONTHLY;BYDAY=2WE")

    (master, *overrides) = _events(_feed(client, series))
    assert master.decoded("DTSTART").astimezone(STOCKHOLM).weekday() == 2
    assert first.original_start in [moment.dt for moment in master["RDATE"].dts]
    assert [event.decoded("RECURRENCE-ID") for event in overrides] == [first.original_start]


def test_the_feed_takes_the_same_queries_however_many_meetings(client, series, django_assert_num_queries):
    for occurrence in series.occurrences.all()[:3]:
        cancel_occurrence(occurrence, "Inställt")
    with django_assert_num_queries(2):
        client.get(f"/forum/{series.slug}/calendar.ics")
    update_series(series, rule="FREQ=WEEKLY;BYDAY=TU")
    with django_assert_num_queries(2):
        client.get(f"/forum/{series.slug}/calendar.ics")


def test_an_end_date_becomes_until_in_utc(client, series):
    from datetime import date

    update_series(series, end_date=date(2027, 6, 30))
    (master,) = _events(_feed(client, series))
    # The end of 30 June in Stockholm (UTC+2), written in UTC as RFC 5545 wants with a TZID start.
    assert b"UNTIL=20270630T215959Z" in master["RRULE"].to_ical()
    assert series.occurrences.count() == 6
