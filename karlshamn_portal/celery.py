import logging
import os
from collections.abc import Callable
from typing import Any, cast

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karlshamn_portal.settings")

app = Celery("karlshamn_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic task scans the database for due rows, so a missed or doubled beat tick neither
# skips nor repeats work.
app.conf.beat_schedule = {
    "outbox-requeue": {"task": "outbox.requeue_stalled", "schedule": 60.0},
    "companies-sweep-imports": {"task": "companies.sweep_register_imports", "schedule": 60.0},
    "webhooks-requeue": {"task": "webhooks.requeue_due", "schedule": 60.0},
    "meetings-due-reminders": {"task": "meetings.send_due_reminders", "schedule": 60.0},
    "forum-due-invitations": {"task": "forum.send_due_invitations", "schedule": 60.0},
    "forum-resume-mailings": {"task": "forum.resume_stalled_mailings", "schedule": 60.0},
    "liaison-stale-link-requests": {"task": "liaison.send_stale_link_requests", "schedule": 60.0},
    "feedback-survey-reminders": {"task": "feedback.send_due_survey_reminders", "schedule": 300.0},
    "feedback-missed-surveys": {"task": "feedback.offer_missed_surveys", "schedule": 900.0},
    "feedback-unclaimed-exports": {"task": "feedback.make_unclaimed_exports", "schedule": 60.0},
    "feedback-monthly-figures": {"task": "feedback.store_monthly_figures", "schedule": 3600.0},
    "forum-extend-occurrences": {"task": "forum.extend_occurrences", "schedule": 6 * 3600.0},
    "ratelimit-purge": {"task": "ratelimit.purge_ended_windows", "schedule": 3600.0},
    # When each company was last met: the meetings that have just started, and the whole
    # register once a day for anything a lost hand-off missed (companies/last_met.py).
    "companies-recently-met": {"task": "companies.refresh_recently_met", "schedule": 3600.0},
    "companies-all-last-met": {"task": "companies.refresh_all_last_met", "schedule": 24 * 3600.0},
    "sessions-clear-expired": {"task": "signin.clear_expired_sessions", "schedule": 24 * 3600.0},
    # The retention plan adds one hourly task per kind when its app is ready (retention/apps.py),
    # relocation partners' data among them.
}


# What a worker prints on stdout reaches its log through this logger: with the console e-mail
# backend, asked for by name, that is the e-mails themselves, links included.
PRINTED = "celery.redirected"


@after_setup_logger.connect
@after_setup_task_logger.connect
def keep_log_filters(logger: logging.Logger, **kwargs: Any) -> None:
    """`celery worker` and `celery beat` replace the root logger's handler with their own, and give
    task loggers one more, so the filters that LOGGING puts on its handler (tokens of private
    links, personnummer) would not see their lines: put the same filters on Celery's handlers."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    specs = cast(dict[str, dict[str, str]], settings.LOGGING["filters"])
    for spec in specs.values():
        handler_filter = _unless_printed(import_string(spec["()"])())
        for handler in logger.handlers:
            handler.addFilter(handler_filter)


def _unless_printed(hide: logging.Filter) -> Callable[[logging.LogRecord], bool]:
    return lambda record: record.name == PRINTED or bool(hide.filter(record))
