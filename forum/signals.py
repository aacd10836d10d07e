"""The forum listens to the meetings app (which knows nothing of forums): answers feed the
waiting list, and every e-mail about a forum meeting gets the agenda and unsubscribe links."""

from typing import Any

from django.dispatch import receiver

from meetings.models import Invitation, Meeting
from meetings.signals import answer_recorded, email_context


@receiver(answer_recorded, dispatch_uid="forum-waiting-list")
def on_answer_recorded(sender: type, invitation: Invitation, previous_answer: str, **kwargs: Any) -> None:
    from forum.services.waiting_list import handle_answer

    handle_answer(invitation, previous_answer)


@receiver(email_context, dispatch_uid="forum-email-links")
def forum_email_context(
    sender: type, kind: str, invitation: Invitation, meeting: Meeting, **extra: Any
) -> dict[str, Any] | None:
    """Every e-mail about a forum meeting gets the one-click unsubscribe link; subscribers also get
    the link to propose agenda items while proposals are open; the last reminder carries the
    published agenda."""
    from forum.services.agenda import email_additions

    return email_additions(
        kind,
        invitation,
        meeting,
        is_last_reminder=bool(extra.get("is_last_reminder")),
        batch=extra.get("batch"),
    )
