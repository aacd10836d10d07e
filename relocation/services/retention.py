"""Deleting a partner's data: at once on their request, or by the retention plan after the
service closed (relocation/retention.py). What remains is their PartnerOutcome row: counts only."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.working_days import local_today
from meetings.models import Invitation, Reminder
from relocation.links import staff_url
from relocation.models import Partner, PartnerMessage, PartnerOutcome
from relocation.services.events import host_recipients, tell


def _meeting_messages(invitation_ids: list[int]) -> list[int]:
    """The outbox rows of the partner's activity invitations, found by the keys the meetings app
    gives them (requests, cancellations, reminders)."""
    if not invitation_ids:
        return []
    keys = [f"meeting-request:{pk}:" for pk in invitation_ids] + [
        f"meeting-cancel:{pk}:" for pk in invitation_ids
    ]
    reminders = Reminder.objects.filter(invitation_id__in=invitation_ids).values_list("pk", flat=True)
    exact = [f"meeting-reminder:{pk}" for pk in reminders]
    found: set[int] = set(OutboxMessage.objects.filter(dedupe_key__in=exact).values_list("pk", flat=True))
    for key in keys:
        found.update(OutboxMessage.objects.filter(dedupe_key__startswith=key).values_list("pk", flat=True))
    return sorted(found)


@transaction.atomic
def delete_partner(partner_id: int, *, on_request: bool, now: datetime | None = None) -> bool:
    """Delete every row about the partner: the profile, the timeline, referrals, introductions,
    activity invitations and every e-mail written about them. Locking the row claims it, so two
    workers or a retry delete once; returns whether this call deleted it. The host is told, by
    reference only.

    The scan skips a row someone holds (it comes back within the hour); a request waits for it,
    since the partner is told at once that their data is gone."""
    now = now or timezone.now()
    partner = (
        Partner.objects.select_for_update(skip_locked=not on_request, of=("self",))
        .select_related("host")
        .filter(pk=partner_id)
        .first()
    )
    if partner is None:
        return False
    reference, recipients = partner.reference, host_recipients(partner)
    message_ids = list(PartnerMessage.objects.filter(partner=partner).values_list("message_id", flat=True))
    invitation_ids = list(partner.activity_invitations.values_list("invitation_id", flat=True))
    message_ids += _meeting_messages(invitation_ids)
    PartnerOutcome.objects.filter(partner=partner).update(
        partner=None, deleted_on=local_today(now), deleted_on_request=on_request
    )
    Invitation.objects.filter(pk__in=invitation_ids).delete()
    partner.delete()
    OutboxMessage.objects.filter(pk__in=message_ids).delete()
    if on_request:
        tell(
            recipients,
            "relocation_partner_deleted",
            {"reference": reference, "queue_url": staff_url("queue", 0)},
        )
    return True
