"""One periodic task per kind of the plan (scheduled in karlshamn_portal/celery.py); each claims
its rows in the database, so a doubled or missed tick neither clears twice nor skips."""

from celery import shared_task

from retention.services.clearing import clear_kind as clear


@shared_task(name="retention.clear_kind")
def clear_kind(key: str) -> int:
    return clear(key).count
