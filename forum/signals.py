"""The forum listens to answers recorded by the meetings app (which knows nothing of forums)."""

from django.dispatch import receiver

from meetings.signals import answer_recorded


@receiver(answer_recorded, dispatch_uid="forum-waiting-list")
def on_answer_recorded(sender, invitation, previous_answer, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from forum.services.waiting_list import handle_answer

    handle_answer(invitation, previous_answer)
