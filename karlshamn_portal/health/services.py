from datetime import timedelta

from django.db import connection
from django.utils import timezone

from karlshamn_portal.health.models import Heartbeat

HEARTBEAT_INTERVAL_SECONDS = 30
STALE_AFTER = timedelta(seconds=HEARTBEAT_INTERVAL_SECONDS * 4)


def record_heartbeat(process: str) -> None:
    Heartbeat.objects.update_or_create(process=process, defaults={"beat_at": timezone.now()})


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means unreachable
        return "unreachable"
    return "ok"


def check_broker() -> str:
    from karlshamn_portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001
        return "unreachable"
    return "ok"


def check_heartbeats() -> dict[str, str]:
    now = timezone.now()
    beats = dict(Heartbeat.objects.values_list("process", "beat_at"))
    states = {}
    for process in ("worker", "scheduler"):
        beat_at = beats.get(process)
        if beat_at is None:
            states[process] = "unknown"
        else:
            states[process] = "ok" if now - beat_at <= STALE_AFTER else "stale"
    return states
