"""Referring a partner's need to a department, and the department's answer.

liaison's route_case works on a Case only, so this is a small relocation referral on the same
Department model, with liaison's statuses and moves (REFERRAL_TRANSITIONS), its due dates in
working days and its rule for who hears of a new referral (department_recipients). The
e-mails are written like liaison's referral e-mails.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from karlshamn_portal.people import display_name
from liaison.models import Department, ReferralStatus
from liaison.services.referrals import ReferralNotAllowed, department_recipients
from liaison.working_days import add_working_days, local_today
from relocation.links import staff_url
from relocation.models import Partner, PartnerEventKind, RelocationReferral
from relocation.services.events import notify_hosts, queue_partner_email, record_partner_event

__all__ = ["ReferralNotAllowed", "answer_relocation_referral", "refer_partner"]


@transaction.atomic
def refer_partner(
    partner: Partner, department: Department, need: str, message: str, actor: User
) -> RelocationReferral:
    """Refer one need to a department, due in its working days; its officials are told, with
    what the referral carries (the need, the message, how to reach the partner)."""
    if partner.is_closed:
        raise ReferralNotAllowed("A closed partner cannot be referred.")
    referral = RelocationReferral.objects.create(
        partner=partner,
        department=department,
        need=need,
        message=message,
        due_date=add_working_days(local_today(timezone.now()), department.referral_working_days),
        created_by=actor,
    )
    record_partner_event(
        partner,
        PartnerEventKind.REFERRED,
        actor,
        text=message,
        data={"department": department.name_sv, "department_en": department.name_en, "need": need},
    )
    url = staff_url("referral", referral.pk)
    for recipient in department_recipients(department):
        queue_partner_email(
            partner,
            "relocation_referral_new",
            {
                "referral": referral,
                "department": department,
                "sender": display_name(actor),
                "referral_url": url,
            },
            recipient=recipient,
        )
    return referral


@transaction.atomic
def answer_relocation_referral(
    referral: RelocationReferral, official: User, status: str, reason: str = ""
) -> RelocationReferral:
    """The official accepts, declines (with a reason) or marks the part done; the host is told."""
    locked = (
        RelocationReferral.objects.select_for_update()
        .select_related("partner", "department")
        .get(pk=referral.pk)
    )
    if not locked.can_move_to(status):
        raise ReferralNotAllowed(f"{locked.status} → {status}")
    locked.status = status
    locked.answered_at = timezone.now()
    if status == ReferralStatus.ACCEPTED:
        locked.official = official
    if status == ReferralStatus.DECLINED:
        locked.decline_reason = reason
    locked.save()
    record_partner_event(
        locked.partner,
        PartnerEventKind.REFERRAL_ANSWERED,
        official,
        text=reason,
        data={
            "department": locked.department.name_sv,
            "department_en": locked.department.name_en,
            "to": status,
        },
    )
    notify_hosts(
        locked.partner,
        "relocation_referral_answered",
        {
            "referral": locked,
            "official": display_name(official),
            "staff_url": staff_url("partner", locked.partner_id),
        },
    )
    return locked
