"""Liaison tasks: thin, taking ids; the services do the work."""

from celery import shared_task

from liaison import ratelimit
from liaison.services import tracking


@shared_task(name="ratelimit.purge_ended_windows")
def purge_ended_windows() -> int:
    return ratelimit.purge_ended_windows()


@shared_task(name="liaison.send_requested_links")
def send_requested_links(link_request_id: int) -> bool:
    return tracking.send_requested_links(link_request_id)


@shared_task(name="liaison.send_stale_link_requests")
def send_stale_link_requests() -> int:
    return tracking.send_stale_link_requests()
