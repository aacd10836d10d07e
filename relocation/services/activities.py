"""Activities for newcomers, run through the meetings app: the invitations (with .ics and answer
links) go only to partners who consented to (b)."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from meetings.services import Invitee, create_meeting, invite_many
from relocation.models import Activity, ActivityInvitation, Partner, PartnerEventKind
from relocation.services.events import record_partner_event


@transaction.atomic
def schedule_activity(
    *, title: str, description: str, start: datetime, end: datetime, place: str, organizer: User
) -> Activity:
    """Schedule the activity and invite every partner who consented to (b) and is not closed."""
    meeting = create_meeting(
        title=title, description=description, start=start, end=end, place=place, organizer=organizer
    )
    activity = Activity.objects.create(meeting=meeting)
    invite_partners(activity, organizer)
    return activity


@transaction.atomic
def invite_partners(activity: Activity, actor: User) -> int:
    """Invite the consenting partners not invited yet (a partner who consented later is added);
    returns how many were invited."""
    invited = set(activity.partner_invitations.values_list("partner_id", flat=True))
    partners = [p for p in Partner.objects.consenting_to_activities().order_by("pk") if p.pk not in invited]
    by_email = {partner.email.strip().lower(): partner for partner in partners}
    added = invite_many(
        activity.meeting,
        [Invitee(name=partner.name, email=partner.email, language=partner.language) for partner in partners],
    )
    for invitation in added:
        partner = by_email[invitation.email.lower()]
        ActivityInvitation.objects.create(activity=activity, partner=partner, invitation=invitation)
        record_partner_event(
            partner, PartnerEventKind.ACTIVITY_INVITED, actor, data={"activity": activity.meeting.title}
        )
    return len(added)
