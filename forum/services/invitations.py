"""Who is invited to a forum meeting, and the scan that invites them when the lead time comes.

The invite list is the confirmed subscribers plus the officials the liaison picked. The scan
adds each of them to each meeting whose invitations are due; the meetings app sends the
invitation (once per SEQUENCE) and plans the reminders, which its own scan sends.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from forum.models import ForumSeries, Occurrence
from forum.services.waiting_list import release_seat
from karlshamn_portal.people import display_name
from meetings.models import Invitation
from meetings.services import Invitee, MeetingError, invite_many, remove_invitation

logger = logging.getLogger(__name__)


def invite_list(series: ForumSeries) -> list[Invitee]:
    people = {
        subscriber.email.lower(): Invitee(
            name=subscriber.name, email=subscriber.email, language=subscriber.language
        )
        for subscriber in series.subscribers.confirmed()
    }
    for official in series.invited_officials.all():
        if official.email:
            people[official.email.lower()] = Invitee(
                name=display_name(official), email=official.email, user=official
            )
    return sorted(people.values(), key=lambda person: person.email)


def _claim(occurrence_id: int, now: datetime) -> Occurrence | None:
    """Lock one due occurrence for this scan; another scan holding it makes this one skip it."""
    due = Occurrence.objects.inviting(now).filter(pk=occurrence_id).select_related("meeting", "series")
    if settings.USES_POSTGRESQL:
        due = due.select_for_update(skip_locked=True, of=("self",))
    else:
        # SQLite has one writer at a time; the unique invitation per address does the rest.
        due = due.select_for_update()
    return due.first()


@transaction.atomic
def invite_occurrence(occurrence_id: int, now: datetime | None = None) -> int:
    """Invite everyone on the list who is not yet invited; returns how many were added."""
    now = now or timezone.now()
    occurrence = _claim(occurrence_id, now)
    if occurrence is None:
        return 0
    return len(invite_many(occurrence.meeting, invite_list(occurrence.series), now=now))


def send_due_invitations(now: datetime | None = None) -> int:
    """The periodic scan: every occurrence whose lead time has come and that has not started
    gets its invite list; late after an outage, never after the start. Returns invitations added."""
    now = now or timezone.now()
    ids = list(Occurrence.objects.inviting(now).order_by("meeting__start").values_list("pk", flat=True))
    return sum(invite_occurrence(occurrence_id, now) for occurrence_id in ids)


@transaction.atomic
def withdraw_future_invitations(series: ForumSeries, email: str, now: datetime) -> int:
    """Take one address off every meeting of the series that has not started."""
    invitations = Invitation.objects.filter(
        meeting__forum_occurrence__series=series, meeting__start__gt=now, email__iexact=email
    ).select_related("meeting")
    removed = 0
    for invitation in invitations:
        release_seat(invitation)
        try:
            remove_invitation(invitation)
        except MeetingError:
            logger.info("Invitation %s could not be withdrawn", invitation.pk)
            continue
        removed += 1
    return removed
