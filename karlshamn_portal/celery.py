import os

from celery import Celery

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
