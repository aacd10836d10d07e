from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task(name="signin.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Sessions live in the database; expired ones are deleted here rather than by a cron job
    running `manage.py clearsessions`."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
