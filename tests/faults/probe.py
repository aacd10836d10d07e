"""Queue the neutral probe e-mail (needs the `probe_templates` fixture)."""

from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.outbox.services import queue_email, render_email


def queue_probe(recipient: str = "anna@example.se", number: int = 1) -> OutboxMessage:
    message = queue_email("fault_probe", recipient, {"number": number, "recipient": recipient}, language="sv")
    assert message is not None
    return message


def render_probe(recipient: str, number: int) -> tuple[str, str, str]:
    return render_email("fault_probe", {"number": number, "recipient": recipient}, "sv")


def store_undelivered(count: int) -> list[str]:
    """Rows the broker never heard of (as after an outage); returns their recipients."""
    recipients = [f"company{number}@example.se" for number in range(count)]
    rows = []
    for number, recipient in enumerate(recipients):
        subject, text, html = render_probe(recipient, number)
        rows.append(
            OutboxMessage(
                template_name="fault_probe",
                recipient=recipient,
                subject=subject,
                body_text=text,
                body_html=html,
                next_attempt_at=timezone.now(),
            )
        )
    OutboxMessage.objects.bulk_create(rows)
    return recipients


def make_due(message: OutboxMessage) -> None:
    """Let the retry backoff pass without waiting for it."""
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
