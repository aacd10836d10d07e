"""The forum listens to the meetings app (which knows nothing of forums): answers feed the
waiting list, and every e-mail about a forum meeting gets the agenda and unsubscribe links."""

from django.dispatch import receiver
from django.utils import timezone

from meetings.signals import answer_recorded, email_context


@receiver(answer_recorded, dispatch_uid="forum-waiting-list")
def on_answer_recorded(sender, invitation, previous_answer, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from forum.services.waiting_list import handle_answer

    handle_answer(invitation, previous_answer)


@receiver(email_context, dispatch_uid="forum-email-links")
def forum_email_context(sender, invitation, **kwargs) -> dict[str, object] | None:  # type: ignore[no-untyped-def]
    from forum.links import PROPOSE, forum_link, unsubscribe_link
    from forum.models import Occurrence, Subscriber
    from forum.services.agenda import accepts_proposals

    occurrence = Occurrence.objects.select_related("series").filter(meeting_id=invitation.meeting_id).first()
    if occurrence is None:
        return None
    occurrence.meeting = invitation.meeting
    context: dict[str, object] = {
        "owner_part": "emails/forum_parts/meeting",
        "series": occurrence.series,
        "unsubscribe_url": unsubscribe_link(occurrence.series_id, invitation.email),
    }
    subscriber = (
        Subscriber.objects.confirmed()
        .filter(series=occurrence.series, email__iexact=invitation.email)
        .first()
    )
    if subscriber is not None and accepts_proposals(occurrence, timezone.now()):
        context["propose_url"] = forum_link(PROPOSE, occurrence=occurrence.pk, subscriber=subscriber.pk)
        context["agenda_deadline"] = occurrence.agenda_deadline()
    return context
