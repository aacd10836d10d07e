"""Periodic forum tasks; each scans the database, so a missed or doubled tick is harmless."""

from celery import shared_task

from forum.services import mailings
from forum.services.invitations import send_due_invitations as scan_invitations
from forum.services.series import extend_occurrences as extend_all


@shared_task(name="forum.extend_occurrences")
def extend_occurrences() -> int:
    return extend_all()


@shared_task(name="forum.send_due_invitations")
def send_due_invitations() -> int:
    return scan_invitations()


@shared_task(name="forum.send_minutes_mailing")
def send_minutes_mailing(mailing_id: int) -> int:
    return mailings.send_minutes_mailing(mailing_id)


@shared_task(name="forum.resume_stalled_mailings")
def resume_stalled_mailings() -> int:
    return mailings.resume_stalled_mailings()
