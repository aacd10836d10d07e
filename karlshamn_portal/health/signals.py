"""Heartbeats from the worker and the scheduler, each from its own process, so /health/ can tell
which of the two has stopped."""

import logging
import threading
import time
from typing import Any

from celery import bootsteps
from celery.signals import beat_init
from django.db import close_old_connections

from karlshamn_portal.celery import app
from karlshamn_portal.health.services import HEARTBEAT_INTERVAL_SECONDS, record_heartbeat

logger = logging.getLogger(__name__)


def _beat(process: str) -> None:
    close_old_connections()
    try:
        record_heartbeat(process)
    except Exception:  # noqa: BLE001 - a missed beat shows as "stale"; the process goes on
        logger.warning("Could not record the %s heartbeat", process, exc_info=True)
    finally:
        close_old_connections()


class WorkerHeartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def start(self, worker: Any) -> None:
        _beat("worker")
        self.tref = worker.timer.call_repeatedly(HEARTBEAT_INTERVAL_SECONDS, _beat, ("worker",))

    def stop(self, worker: Any) -> None:
        if getattr(self, "tref", None):
            self.tref.cancel()


app.steps["worker"].add(WorkerHeartbeat)


@beat_init.connect
def start_scheduler_heartbeat(sender: Any = None, **kwargs: Any) -> None:
    def loop() -> None:
        while True:
            _beat("scheduler")
            time.sleep(HEARTBEAT_INTERVAL_SECONDS)

    threading.Thread(target=loop, name="scheduler-heartbeat", daemon=True).start()
