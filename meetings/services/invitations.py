"""Inviting people, sending their invitations, taking them off the list and recording answers."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from meetings.models import GIVEN_ANSWERS, Invitation, InvitationRole, Meeting
from meetings.services import mail
from meetings.services.errors import MeetingError
from meetings.services.reminders import add_reminders
from meetings.signals import answer_recorded


def _invitations_due(meeting: Meeting, now: datetime) -> bool:
    return meeting.invite_at is None or meeting.invite_at <= now


@dataclass(frozen=True)
class Invitee:
    """One person to invite with invite_many."""

    name: str
    email: str
    user: User | None = None
    role: str = InvitationRole.REQUIRED
    language: str = "sv"


@transaction.atomic
def invite(
    meeting: Meeting,
    *,
    name: str,
    email: str,
    user: User | None = None,
    role: str = InvitationRole.REQUIRED,
    language: str = "sv",
    now: datetime | None = None,
) -> Invitation:
    """Add one person; the invitation e-mail goes out now, or at meeting.invite_at if that is later.

    Inviting an address already on the list returns that invitation unchanged.
    """
    now = now or timezone.now()
    _check_open(meeting, now)
    email = email.strip()
    existing = meeting.invitations.filter(email__iexact=email).first()
    if existing is not None:
        return existing
    person = Invitee(name=name, email=email, user=user, role=role, language=language)
    added = _add(meeting, [person], now)
    # Empty when a concurrent transaction invited the same address first.
    return added[0] if added else meeting.invitations.get(email__iexact=email)


@transaction.atomic
def invite_many(
    meeting: Meeting, people: Iterable[Invitee], *, now: datetime | None = None
) -> list[Invitation]:
    """invite() for many people at once (a forum's invite list of thousands): the invitations,
    their reminders and their e-mails are each written in a few multi-row INSERTs.

    Addresses already on the list (in any letter case) are left out; returns the invitations added.
    """
    now = now or timezone.now()
    _check_open(meeting, now)
    taken = {email.lower() for email in meeting.invitations.values_list("email", flat=True)}
    new = []
    for person in people:
        email = person.email.strip()
        if email.lower() not in taken:
            taken.add(email.lower())
            new.append(replace(person, email=email))
    return _add(meeting, new, now)


def _check_open(meeting: Meeting, now: datetime) -> None:
    if meeting.is_cancelled or meeting.start <= now:
        raise MeetingError("nobody can be invited to a cancelled or started meeting")


def _add(meeting: Meeting, people: list[Invitee], now: datetime) -> list[Invitation]:
    """Store new invitations, plan their reminders and, when due, mail them.

    An invitation due now is stored as sent for the current SEQUENCE: nobody else sees it before
    this transaction commits, so storing it so is the claim send_invitation would make.
    """
    due = _invitations_due(meeting, now)
    invitations = [
        Invitation(
            meeting=meeting,
            user=person.user,
            name=person.name,
            email=person.email,
            role=person.role,
            language=person.language,
            sent_sequence=meeting.sequence if due else None,
        )
        for person in people
    ]
    added = _create(invitations)
    add_reminders(meeting, added, now)
    if due:
        mail.queue_requests(added, is_update=False)
    return added


def _create(invitations: list[Invitation]) -> list[Invitation]:
    try:
        with transaction.atomic():
            return Invitation.objects.bulk_create(invitations, batch_size=1_000)
    except IntegrityError:
        pass
    # A concurrent transaction invited one of these addresses first: one by one, skipping those.
    added = []
    for invitation in invitations:
        invitation.pk, invitation._state.adding = None, True
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:
            continue
        added.append(invitation)
    return added


@transaction.atomic
def send_invitation(invitation: Invitation) -> bool:
    """Mail the current version of the meeting to one invitee, once per SEQUENCE.

    The conditional update claims the send, so the lead-time scan, a retry and a direct call
    never mail the same version twice. Returns whether an e-mail was written.
    """
    meeting = invitation.meeting
    is_update = invitation.sent_sequence is not None
    claimed = (
        Invitation.objects.filter(pk=invitation.pk)
        .filter(Q(sent_sequence__isnull=True) | Q(sent_sequence__lt=meeting.sequence))
        .update(sent_sequence=meeting.sequence)
    )
    if not claimed:
        return False
    invitation.sent_sequence = meeting.sequence
    mail.queue_request(invitation, is_update=is_update)
    return True


@transaction.atomic
def remove_invitation(invitation: Invitation) -> None:
    """Take a person off the list; if they had the invitation, they get a cancellation."""
    meeting = type(invitation.meeting).objects.select_for_update().get(pk=invitation.meeting_id)
    # A new SEQUENCE, so the removed person's calendar accepts the CANCEL over the REQUEST it has.
    meeting.sequence += 1
    meeting.save(update_fields=["sequence", "updated_at"])
    invitation.meeting = meeting
    if invitation.sent_sequence is not None and meeting.is_open_for_answers(timezone.now()):
        mail.queue_cancellation(invitation, removed=True)
    invitation.delete()


@transaction.atomic
def record_answer(
    invitation: Invitation,
    answer: str,
    comment: str = "",
    *,
    actor: User | None = None,  # who answered, when signed in
    now: datetime | None = None,
) -> Invitation:
    """Store an invitee's answer and tell the owning app through the answer_recorded signal."""
    now = now or timezone.now()
    if answer not in GIVEN_ANSWERS:
        raise MeetingError(f"not an answer: {answer}")
    locked = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    if not locked.meeting.is_open_for_answers(now):
        raise MeetingError("the meeting is cancelled or over")
    previous = locked.answer
    locked.answer = answer
    locked.comment = comment.strip()
    locked.answered_at = now
    locked.save(update_fields=["answer", "comment", "answered_at"])
    answer_recorded.send(sender=Invitation, invitation=locked, previous_answer=previous, actor=actor)
    invitation.answer, invitation.comment, invitation.answered_at = locked.answer, locked.comment, now
    return locked


def send_due_invitations(now: datetime | None = None, limit: int = 500) -> int:
    """Send the invitations of meetings whose invite_at has come; returns how many went out.

    Run by the same periodic task as the reminders. A scan after an outage still sends them,
    but never once the meeting has started.
    """
    now = now or timezone.now()
    due = (
        Invitation.objects.awaiting_invitation(now).select_related("meeting").order_by("meeting__start", "pk")
    )
    return sum(send_invitation(invitation) for invitation in due[:limit])
