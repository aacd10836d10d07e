"""Planning and recording company visits.

A visit is planned as a meeting through the meetings app, so every participant and the company
contact get an invitation with .ics and answer links, updates and reminders, as a case meeting
does. The record written afterwards stays here.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.announcements import visit_recorded
from companies.models import VISIT_FLAGS, VISIT_TRANSITIONS, Company, Contact, FocusArea, Visit, VisitStatus
from karlshamn_portal.people import display_name
from meetings.models import InvitationRole, Meeting
from meetings.services import (
    Invitee,
    MeetingError,
    cancel_meeting,
    create_meeting,
    invite_many,
    move_meeting,
)


class VisitError(Exception):
    """A change the visit's status does not allow."""


def staff_invitee(user: User) -> Invitee:
    return Invitee(name=display_name(user), email=user.email, user=user)


def contact_invitee(contact: Contact) -> Invitee:
    return Invitee(name=contact.name, email=contact.email)


@transaction.atomic
def plan_visit(
    company: Company,
    *,
    planned_by: User,
    start: datetime,
    end: datetime,
    place: str,
    purpose: str,
    contact: Contact | None,
    staff: Sequence[User],
    guests: Iterable[Invitee],
) -> Visit:
    """The visit and its meeting; the planner, the staff, the guests and the contact are invited."""
    meeting = create_meeting(
        title=_("Company visit: %(company)s") % {"company": company.name},
        start=start,
        end=end,
        place=place,
        description=purpose,
        organizer=planned_by,
    )
    visit = Visit.objects.create(
        company=company, meeting=meeting, contact=contact, purpose=purpose, planned_by=planned_by
    )
    people = [
        Invitee(
            name=display_name(planned_by), email=planned_by.email, user=planned_by, role=InvitationRole.CHAIR
        )
    ]
    people += [staff_invitee(user) for user in staff if user.email]
    people += list(guests)
    if contact is not None and contact.email:
        people.append(contact_invitee(contact))
    invite_many(meeting, [person for person in people if person.email])
    return visit


@transaction.atomic
def move_visit(visit: Visit, *, start: datetime, end: datetime, place: str) -> Meeting:
    """A new time or place for a planned visit, sent to everyone invited (meetings.move_meeting).

    A new time is a new proposal, as for a case meeting: every current invitee gets the update,
    those who declined included, with SEQUENCE raised and every answer reset to not answered.
    Returns the meeting; its sequence is unchanged when nothing was different. Who was told is
    `Invitation.objects.told_of_current_version(meeting)`.
    """
    # The visit's row lock keeps a move and a record or cancel of the same visit apart.
    locked = Visit.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=visit.pk)
    if not locked.can_be_moved(timezone.now()):
        raise VisitError("only a planned visit whose time has not passed can be moved")
    try:
        return move_meeting(visit.meeting, start=start, end=end, place=place)
    except MeetingError as error:
        raise VisitError(str(error)) from error


def _change_status(visit: Visit, status: str) -> Visit:
    locked = Visit.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=visit.pk)
    if status not in VISIT_TRANSITIONS[locked.status]:
        raise VisitError(f"a visit cannot go from {locked.status} to {status}")
    locked.status = status
    return locked


@transaction.atomic
def record_visit(
    visit: Visit,
    *,
    recorded_by: User,
    what_works: str = "",
    what_does_not_work: str = "",
    plans: str = "",
    worries: str = "",
    flags: Iterable[str] = (),
    focus_areas: Iterable[FocusArea] = (),
    internal_notes: str = "",
) -> Visit:
    """The visit was held: what was said, the flags raised and the focus areas it touched."""
    locked = _change_status(visit, VisitStatus.HELD)
    locked.what_works, locked.what_does_not_work = what_works, what_does_not_work
    locked.plans, locked.worries, locked.internal_notes = plans, worries, internal_notes
    chosen = set(flags)
    for name in VISIT_FLAGS:
        setattr(locked, name, name in chosen)
    locked.recorded_at, locked.recorded_by = timezone.now(), recorded_by
    locked.save()
    locked.focus_areas.set(list(focus_areas))
    visit_recorded.send(sender=Visit, visit=locked)
    return locked


@transaction.atomic
def cancel_visit(visit: Visit, *, recorded_by: User, reason: str = "") -> Visit:
    """The visit did not happen; if its meeting is still ahead, everyone gets the cancellation."""
    locked = _change_status(visit, VisitStatus.CANCELLED)
    locked.cancel_reason = reason
    locked.recorded_at, locked.recorded_by = timezone.now(), recorded_by
    locked.save()
    if locked.meeting.is_open_for_answers(timezone.now()):
        cancel_meeting(locked.meeting, reason)
    return locked
