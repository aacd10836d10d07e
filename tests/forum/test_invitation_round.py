"""A forum's whole invite list is invited in one round: each e-mail, with its own unsubscribe and
agenda links, reads exactly as if written alone, and the round's queries do not grow with the list."""

from datetime import timedelta
from unittest import mock

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from forum.services.invitations import invite_occurrence, send_due_invitations
from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import Invitation
from tests.forum.factories import make_subscriber
from tests.meetings.factories import emails_by_recipient, written_alone


def subscribe(series, count: int) -> None:  # type: ignore[no-untyped-def]
    make_subscriber(series, 'Åsa "Ö" & <Berg>', "asa@foretag.se")
    make_subscriber(series, "O'Neil, Pat", "pat@foretag.se", language="en")
    for number in range(count):
        make_subscriber(series, f"Företagare {number}", f"person{number}@foretag.se")


def test_each_invitation_of_a_round_reads_exactly_as_when_written_alone(series, clock):
    subscribe(series, 6)
    meeting = series.occurrences.select_related("meeting").first().meeting
    clock.move_to(meeting.invite_at + timedelta(minutes=1))

    with mock.patch("karlshamn_portal.outbox.services.render_to_string", wraps=render_to_string) as rendered:
        assert send_due_invitations() == 9
    # Rendered twice for the seven Swedish subscribers, in full for the English one and the official.
    assert rendered.call_count == 2 * 3 + 3 + 3

    together = emails_by_recipient(OutboxMessage.objects.all())
    alone = written_alone(Invitation.objects.filter(meeting=meeting).select_related("meeting"))
    assert together == alone
    assert "/forum/propose/" in together["person0@foretag.se"][2]
    assert "/forum/propose/" not in together["bo@example.se"][2]


def test_a_round_takes_the_same_queries_for_a_short_and_a_long_list(liaison, building_official, clock):
    from tests.forum.factories import make_series

    counts = []
    for size, slug in ((3, "kort"), (40, "lang")):
        series = make_series(liaison, officials=[building_official], slug=slug, name=slug)
        subscribe(series, size)
        occurrence = series.occurrences.select_related("meeting").first()
        with CaptureQueriesContext(connection) as queries:
            invite_occurrence(occurrence.pk, occurrence.meeting.invite_at + timedelta(minutes=1))
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 18
