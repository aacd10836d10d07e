"""Coordinated meetings for a case: scheduling, changes and the case timeline.

The meeting mechanics (invitations, .ics, answers, reminders) live in meetings.services; this
module adds what belongs to a case: who is invited by default and what the timeline shows.
"""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Prefetch

from karlshamn_portal.people import display_name
from karlshamn_portal.roles import officials
from liaison.models import Case, CaseEvent, CaseMeeting, EventKind, ReferralStatus
from liaison.services.case_events import record_event
from meetings.models import Invitation, Meeting
from meetings.services import (
    Invitee,
    cancel_meeting,
    create_meeting,
    invite,
    move_meeting,
    remove_invitation,
)


def handling_officials(case: Case) -> list[User]:
    """The official handling each referral, else every active official of its department."""
    chosen: dict[int, User] = {}
    referrals = (
        case.referrals.exclude(status=ReferralStatus.DECLINED)
        .select_related("official", "department")
        .prefetch_related(Prefetch("department__officials", queryset=officials()))
    )
    for referral in referrals:
        people = [referral.official] if referral.official else list(referral.department.officials.all())
        for person in people:
            if person.is_active:
                chosen.setdefault(person.pk, person)
    return list(chosen.values())


def contact_invitee(case: Case) -> Invitee:
    return Invitee(name=case.contact_name, email=case.contact_email, language=case.language)


def official_invitee(user: User) -> Invitee:
    return Invitee(name=display_name(user), email=user.email, user=user)


def _meeting_data(meeting: Meeting) -> dict[str, object]:
    # What the timeline says about the meeting, as values put into words in the reader's
    # language when shown (liaison.timeline).
    return {
        "meeting": meeting.pk,
        "title": meeting.title,
        "start": meeting.start.isoformat(),
        "end": meeting.end.isoformat(),
        "place": meeting.place,
        "online_url": meeting.online_url,
    }


def _event(
    case: Case,
    kind: str,
    meeting: Meeting,
    text: str,
    actor: User | None = None,
    actor_name: str = "",
    **data: object,
) -> CaseEvent:
    return record_event(
        case,
        kind,
        actor,
        actor_name=actor_name,
        public=kind != EventKind.MEETING_ANSWER,
        text=text,
        data={**_meeting_data(meeting), **data},
    )


@transaction.atomic
def schedule_meeting(
    case: Case,
    *,
    organizer: User,
    title: str,
    start: datetime,
    end: datetime,
    place: str = "",
    online_url: str = "",
    description: str = "",
    invitees: Iterable[Invitee],
    reminder_hours: int | None = None,
) -> CaseMeeting:
    """Create the meeting, invite everyone (e-mail with .ics and answer links) and note it on the case."""
    meeting = create_meeting(
        title=title,
        start=start,
        end=end,
        place=place,
        online_url=online_url,
        description=description,
        organizer=organizer,
        reminder_offsets=None if reminder_hours is None else [reminder_hours * 60],
    )
    case_meeting = CaseMeeting.objects.create(case=case, meeting=meeting)
    for person in invitees:
        invite(
            meeting,
            name=person.name,
            email=person.email,
            user=person.user,
            role=person.role,
            language=person.language,
        )
    _event(case, EventKind.MEETING_SCHEDULED, meeting, "", actor=organizer)
    return case_meeting


@transaction.atomic
def move_case_meeting(
    case_meeting: CaseMeeting,
    *,
    actor: User,
    start: datetime,
    end: datetime,
    place: str,
    online_url: str,
) -> Meeting:
    """Move or relocate; invitees who have not declined get an update (and answer again if the time moved).

    Returns the meeting; its sequence is unchanged when nothing was different.
    """
    before = (case_meeting.meeting.start, case_meeting.meeting.end, case_meeting.meeting.sequence)
    meeting = move_meeting(case_meeting.meeting, start=start, end=end, place=place, online_url=online_url)
    if meeting.sequence != before[2]:
        _event(
            case_meeting.case,
            EventKind.MEETING_CHANGED,
            meeting,
            "",
            actor=actor,
            previous_start=before[0].isoformat(),
        )
    return meeting


@transaction.atomic
def cancel_case_meeting(case_meeting: CaseMeeting, *, actor: User, reason: str = "") -> Meeting:
    meeting = cancel_meeting(case_meeting.meeting, reason)
    _event(case_meeting.case, EventKind.MEETING_CANCELLED, meeting, reason, actor=actor)
    return meeting


@transaction.atomic
def add_official(case_meeting: CaseMeeting, user: User) -> Invitation:
    person = official_invitee(user)
    return invite(case_meeting.meeting, name=person.name, email=person.email, user=user)


@transaction.atomic
def remove_invitee(case_meeting: CaseMeeting, invitation: Invitation) -> None:
    remove_invitation(invitation)


def note_answer(invitation: Invitation, actor: User | None = None) -> CaseEvent | None:
    """The timeline entry for one answer (internal: officials' answers are not the company's business)."""
    case_meeting = CaseMeeting.objects.select_related("case").filter(meeting_id=invitation.meeting_id).first()
    if case_meeting is None:
        return None  # a forum meeting or another owner's
    return _event(
        case_meeting.case,
        EventKind.MEETING_ANSWER,
        invitation.meeting,
        invitation.comment,
        actor=actor or invitation.user,
        actor_name=invitation.name,
        name=invitation.name,
        answer=invitation.answer,
    )
