from celery import shared_task

from liaison import ratelimit


@shared_task(name="ratelimit.purge_ended_windows")
def purge_ended_windows() -> int:
    return ratelimit.purge_ended_windows()
