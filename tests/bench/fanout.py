"""Fan-out: one forum occurrence with N invitees, written to the outbox, then delivered by one
real Celery worker to a local SMTP sink."""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.services import queue_email
from karlshamn_portal.signing import make_token
from meetings.models import Invitation, Meeting
from tests.faults.smtp import SmtpServer
from tests.faults.worker import Worker, use_broker, wait_for


@dataclass
class FanOut:
    invitations: int
    write_seconds: float
    delivery_seconds: float
    worker_peak_mib: float
    delivered: int
    how: str


def invite(meeting: Meeting, invitees: list[tuple[str, str]]) -> None:
    """Until the forum's own service lands: the same shape (invitation rows, then one outbox
    message each, deduplicated per invitation and meeting time)."""
    invitations = Invitation.objects.bulk_create(
        Invitation(meeting=meeting, name=n, email=e) for n, e in invitees
    )
    for invitation in invitations:
        queue_email(
            "bench_invitation",
            invitation.email,
            {
                "name": invitation.name,
                "meeting": meeting,
                "token": make_token("rsvp", {"invitation": invitation.pk}),
            },
            language="sv",
            dedupe_key=f"invitation:{invitation.pk}:{meeting.sequence}",
        )


def run(count: int, timeout: float) -> FanOut:
    invitees = [(f"Företagare {n}", f"subscriber{n}@example.se") for n in range(count)]
    start = timezone.now() + timedelta(days=14)
    meeting = Meeting.objects.create(
        title="Näringslivsfrukost", start=start, end=start + timedelta(hours=1), place="Väggaparken"
    )
    with SmtpServer() as smtp:
        use_broker(None, eager=False)
        worker = Worker(smtp.environment()).start()
        try:
            started = time.perf_counter()
            with transaction.atomic():
                invite(meeting, invitees)
            # on_commit handed every message to the broker by now
            written = time.perf_counter() - started
            wait_for(
                lambda: OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() >= count,
                timeout,
                f"{count} deliveries",
                interval=0.5,
            )
            delivered_after = time.perf_counter() - started
            peak = worker.peak_memory_kib() / 1024
        finally:
            worker.stop()
            use_broker(None, eager=True)
        return FanOut(
            invitations=count,
            write_seconds=round(written, 2),
            delivery_seconds=round(delivered_after - written, 2),
            worker_peak_mib=round(peak, 1),
            delivered=len(smtp.sink.received),
            how="the benchmark's stand-in for the forum's invitation service (not merged yet)",
        )
