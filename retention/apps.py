from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

# Every kind of the plan is cleared by its own task, so one that fails holds back no other.
CLEARING_EVERY_SECONDS = 3600.0


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Retention and personal data")

    def ready(self) -> None:
        from django.conf import settings

        from karlshamn_portal.celery import app
        from retention import kinds
        from retention.checks import plan_matches_kinds

        kinds.register_all()
        checks.register(plan_matches_kinds)
        # Django is set up before beat reads its schedule (Celery's Django fix-up), so every plan
        # entry, including those other apps add, gets its periodic task.
        app.conf.beat_schedule.update(
            {
                f"retention-{key}": {
                    "task": "retention.clear_kind",
                    "schedule": CLEARING_EVERY_SECONDS,
                    "args": (key,),
                }
                for key in settings.RETENTION_PLAN
            }
        )
