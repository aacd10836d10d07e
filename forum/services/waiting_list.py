"""Capacity: accepts beyond it wait; a seat given up goes to the first person waiting."""

from django.db import transaction

from forum.links import unsubscribe_headers, unsubscribe_link
from forum.models import Occurrence, WaitingListEntry
from karlshamn_portal.outbox.services import queue_email
from meetings.models import Answer, Invitation


def _occurrence_of(invitation: Invitation) -> Occurrence | None:
    # Locked: two accepts at once must not both take the last seat.
    return (
        Occurrence.objects.select_for_update()
        .select_related("series", "meeting")
        .filter(meeting_id=invitation.meeting_id)
        .first()
    )


def seats_taken(occurrence: Occurrence) -> int:
    return (
        occurrence.meeting.invitations.filter(answer=Answer.ACCEPTED)
        .exclude(forum_waiting__isnull=False)
        .count()
    )


def _tell(template: str, invitation: Invitation, occurrence: Occurrence, **extra: object) -> None:
    queue_email(
        template,
        invitation.email,
        {
            "invitation": invitation,
            "meeting": occurrence.meeting,
            "series": occurrence.series,
            "unsubscribe_url": unsubscribe_link(occurrence.series_id, invitation.email),
            **extra,
        },
        language=invitation.language,
        headers=unsubscribe_headers(occurrence.series_id, invitation.email),
    )


@transaction.atomic
def handle_answer(invitation: Invitation, previous_answer: str) -> None:
    """Called for every recorded answer (the meetings app's answer_recorded signal)."""
    occurrence = _occurrence_of(invitation)
    if occurrence is None or occurrence.series.capacity is None:
        return
    if invitation.answer == Answer.ACCEPTED and previous_answer != Answer.ACCEPTED:
        # seats_taken counts this accept already; beyond the capacity it waits.
        if seats_taken(occurrence) > occurrence.series.capacity:
            WaitingListEntry.objects.get_or_create(occurrence=occurrence, invitation=invitation)
            position = occurrence.waiting_list.count()
            _tell("forum_waiting_list", invitation, occurrence, position=position)
    elif previous_answer == Answer.ACCEPTED and invitation.answer != Answer.ACCEPTED:
        _free(occurrence, invitation)


def release_seat(invitation: Invitation) -> None:
    """Before an accepted invitation leaves the list: its seat goes to the first waiting."""
    if invitation.answer != Answer.ACCEPTED:
        return
    occurrence = _occurrence_of(invitation)
    if occurrence is not None and occurrence.series.capacity is not None:
        _free(occurrence, invitation)


def _free(occurrence: Occurrence, invitation: Invitation) -> None:
    was_waiting = WaitingListEntry.objects.filter(invitation=invitation).delete()[0]
    if not was_waiting:
        _promote_first(occurrence)


def _promote_first(occurrence: Occurrence) -> bool:
    first = occurrence.waiting_list.select_related("invitation").first()
    if first is None:
        return False
    promoted = first.invitation
    first.delete()
    _tell("forum_seat_offered", promoted, occurrence)
    return True


@transaction.atomic
def fill_free_seats(occurrence: Occurrence) -> int:
    """After the capacity grew (or was removed): seat the waiting in order; returns how many."""
    occurrence = (
        Occurrence.objects.select_for_update().select_related("series", "meeting").get(pk=occurrence.pk)
    )
    capacity = occurrence.series.capacity
    promoted = 0
    while (capacity is None or seats_taken(occurrence) < capacity) and _promote_first(occurrence):
        promoted += 1
    return promoted
