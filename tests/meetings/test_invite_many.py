"""Inviting thousands at once (a forum's list) writes each e-mail exactly as inviting one by one
would, in a fixed number of queries."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from karlshamn_portal.outbox.models import OutboxMessage
from meetings import ics
from meetings.models import Answer, Invitation, Reminder
from meetings.services import Invitee, invite, invite_many
from tests.meetings.factories import emails_by_recipient, local, make_meeting, written_alone

START = local(2030, 6, 4, 7, 30)
NOW = START - timedelta(days=14)
# Names that markup, iCalendar quoting and line folding treat specially.
AWKWARD = [
    Invitee(name='Åsa "Ö" & <Berg>', email="asa@example.se"),
    Invitee(name="O'Neil, Pat; Jr\\", email="pat@example.se", language="en"),
    Invitee(name="Långt Namn " * 13, email="lang@example.se"),
    Invitee(name="Bo", email="Bo@Example.se", role="OPT-PARTICIPANT"),
]


def people(count: int) -> list[Invitee]:
    return [*AWKWARD, *(Invitee(name=f"Företagare {n}", email=f"person{n}@example.se") for n in range(count))]


@freeze_time(NOW)
def test_each_email_of_a_round_reads_exactly_as_when_written_alone(db):
    meeting = make_meeting(start=START, online_url="https://meet.example.se/x", description="Rad 1\nRad 2")
    invite(meeting, name="Redan Inbjuden", email="redan@example.se")

    added = invite_many(meeting, [*people(8), Invitee(name="Igen", email="REDAN@example.se")])

    assert len(added) == 12, "the address already on the list is left out, in any letter case"
    together = emails_by_recipient(OutboxMessage.objects.exclude(recipient="redan@example.se"))
    assert together == written_alone(added)
    assert set(
        Invitation.objects.filter(pk__in=[i.pk for i in added]).values_list("sent_sequence", flat=True)
    ) == {0}
    assert Reminder.objects.filter(invitation__in=added).count() == 12


@freeze_time(NOW)
def test_a_round_renders_the_templates_once_per_kind_of_email_not_once_per_person(db):
    meeting = make_meeting(start=START)
    with mock.patch("karlshamn_portal.outbox.services.render_to_string", wraps=render_to_string) as rendered:
        invite_many(meeting, people(40))
    # The 42 Swedish participants' e-mail rendered twice in its three templates (with stand-ins,
    # and once in full for the check); the one English and the one optional participant in full.
    assert rendered.call_count == 2 * 3 + 3 + 3


def test_a_round_of_five_and_of_fifty_take_the_same_queries(db):
    counts = []
    for size in (5, 50):
        meeting = make_meeting(start=START)
        with CaptureQueriesContext(connection) as queries:
            invite_many(meeting, people(size), now=NOW)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12


def test_invitations_not_yet_due_are_stored_without_an_email(db):
    meeting = make_meeting(start=START, invite_at=START - timedelta(days=7))
    added = invite_many(meeting, people(3), now=NOW)
    assert len(added) == 7
    assert not OutboxMessage.objects.exists()
    assert set(Invitation.objects.values_list("sent_sequence", flat=True)) == {None}


@freeze_time(NOW)
def test_the_calendar_file_built_once_per_meeting_matches_the_full_one_for_every_invitee(db):
    meeting = make_meeting(start=START, description="Ärende; om bygglov, etc.")
    added = invite_many(meeting, people(2))
    added[0].answer = Answer.ACCEPTED
    calendars = ics.InvitationCalendars(meeting, len(added))
    assert calendars._around is not None, "the shared calendar is used, not a fallback"
    for invitation in added:
        assert calendars.ics(invitation) == ics.invitation_ics(invitation, stamp=calendars.stamp)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_rounds_at_once_invite_and_mail_each_address_once():
    meeting = make_meeting(start=START)
    barrier = threading.Barrier(2)
    errors = []

    def round_of(invitees):  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            invite_many(meeting, invitees, now=NOW)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    everyone = people(30)
    threads = [
        threading.Thread(target=round_of, args=(everyone[:25],)),
        threading.Thread(target=round_of, args=(everyone[5:],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    recipients = sorted(OutboxMessage.objects.values_list("recipient", flat=True))
    assert recipients == sorted(person.email for person in everyone)
    assert Invitation.objects.filter(meeting=meeting).count() == len(everyone)
