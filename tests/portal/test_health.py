from datetime import timedelta

from django.db.utils import OperationalError
from django.utils import timezone

from karlshamn_portal.health.models import Heartbeat
from karlshamn_portal.health.services import record_heartbeat


def test_health_reports_each_part(client, db):
    record_heartbeat("worker")
    record_heartbeat("scheduler")
    response = client.get("/health/")
    assert response.status_code == 200
    state = response.json()
    assert state["database"] == "ok"
    assert state["worker"] == "ok"
    assert state["scheduler"] == "ok"
    assert state["broker"] in {"ok", "unreachable"}


def test_a_silent_worker_shows_as_stale_and_a_missing_scheduler_as_unknown(client, db):
    Heartbeat.objects.create(process="worker", beat_at=timezone.now() - timedelta(minutes=10))
    state = client.get("/health/").json()
    assert state["worker"] == "stale"
    assert state["scheduler"] == "unknown"


def test_health_is_503_when_the_database_is_unreachable(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("karlshamn_portal.health.services.connection", UnreachableDatabase())
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert response.json()["status"] == "down"
