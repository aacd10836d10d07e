"""Fan-out: the forum's own scan invites one occurrence's whole list (5,000 subscribers) into
the outbox; one real Celery worker then delivers them to a local SMTP sink."""

import time
from dataclasses import dataclass
from datetime import timedelta

from forum.models import ForumSeries
from forum.services.invitations import invite_occurrence
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from meetings.services.mail import INVITATION
from tests.faults.smtp import SmtpServer
from tests.faults.worker import Worker, use_broker, wait_for


@dataclass
class FanOut:
    invitations: int
    write_seconds: float
    delivery_seconds: float
    worker_peak_mib: float
    delivered: int


def run(series: ForumSeries, timeout: float) -> FanOut:
    occurrence = series.occurrences.select_related("meeting").order_by("meeting__start").first()
    assert occurrence is not None
    # The moment its invitations fall due.
    now = occurrence.meeting.invite_at or occurrence.meeting.start - timedelta(
        days=series.invitation_lead_days
    )
    invitations = OutboxMessage.objects.filter(template_name=INVITATION)
    with SmtpServer() as smtp:
        use_broker(None, eager=False)
        worker = Worker(smtp.environment()).start()
        try:
            started = time.perf_counter()
            added = invite_occurrence(occurrence.pk, now)
            written = time.perf_counter() - started  # committed, and handed to the broker
            wait_for(
                lambda: invitations.filter(status=OutboxStatus.SENT).count() >= added,
                timeout,
                f"{added} deliveries",
                interval=0.5,
            )
            delivered = time.perf_counter() - started - written
            peak = worker.peak_memory_kib() / 1024
        finally:
            worker.stop()
        return FanOut(
            invitations=added,
            write_seconds=round(written, 2),
            delivery_seconds=round(delivered, 2),
            worker_peak_mib=round(peak, 1),
            delivered=len(smtp.sink.received),
        )
