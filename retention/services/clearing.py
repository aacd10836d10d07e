"""Clearing by plan: every kind's due rows, claimed a batch at a time.

A batch is one transaction: lock up to RETENTION_BATCH_SIZE due rows that no one else holds
(`select_for_update(skip_locked=True)`, so a second scheduler takes other rows or none), clear
them, add their number to the run's log entry, commit. Clearing leaves a row outside `due`, so
a repeated or concurrent run finds nothing more; a crash loses at most the batch in hand, which
the next run does again.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from retention import registry
from retention.models import ClearingRun


@dataclass(frozen=True)
class Outcome:
    key: str
    count: int
    days: int | None


def cutoff_for(kind: registry.Kind, now: datetime) -> datetime | None:
    days = kind.days
    return None if days is None else now - timedelta(days=days)


def count_due(kind: registry.Kind, now: datetime) -> int:
    cutoff = cutoff_for(kind, now)
    if cutoff is None:
        return 0
    return sum(rows.count() for rows in kind.due(cutoff))


def _claim(rows: QuerySet, size: int) -> QuerySet:
    """Up to `size` of `rows`, locked for this transaction; rows another run holds are skipped."""
    model = rows.model
    claimed = list(
        rows.order_by("pk")
        .select_for_update(skip_locked=True, of=("self",))
        .values_list("pk", flat=True)[:size]
    )
    return model._default_manager.filter(pk__in=claimed)


def clear_kind(key: str, now: datetime | None = None) -> Outcome:
    """Clear what the plan says is due for one kind; the number of rows cleared."""
    kind = registry.get(key)
    now = now or timezone.now()
    days = kind.days
    if days is None:
        return Outcome(key, 0, None)
    cutoff = now - timedelta(days=days)
    run = ClearingRun.objects.create(kind=key, days=days, rule=kind.describe(), started_at=now)
    size = settings.RETENTION_BATCH_SIZE
    total = 0
    for rows in kind.due(cutoff):
        done: set[object] = set()
        while True:
            with transaction.atomic():
                claimed = _claim(rows, size)
                pks = {row.pk for row in claimed}
                if not pks:
                    break
                if pks & done:  # a kind whose clearing leaves rows due would loop for ever
                    raise RuntimeError(f"retention kind {key!r} left cleared rows due")
                done |= pks
                count = len(pks)
                kind.clear(claimed, now)
                ClearingRun.objects.filter(pk=run.pk).update(cleared=F("cleared") + count)
            total += count
    ClearingRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    return Outcome(key, total, days)


def clear_by_plan(now: datetime | None = None) -> list[Outcome]:
    return [clear_kind(kind.key, now) for kind in registry.kinds()]


def dry_run(now: datetime | None = None) -> list[Outcome]:
    """What each kind would clear now, without changing anything."""
    now = now or timezone.now()
    return [Outcome(kind.key, count_due(kind, now), kind.days) for kind in registry.kinds()]
