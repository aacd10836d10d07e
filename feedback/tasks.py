"""Feedback tasks: thin, taking ids; the services do the work."""

from celery import shared_task

from feedback.services import exports, figures, reminders, surveys


@shared_task(name="feedback.send_due_survey_reminders")
def send_due_survey_reminders() -> int:
    return reminders.send_due_survey_reminders()


@shared_task(name="feedback.store_monthly_figures")
def store_monthly_figures() -> int:
    return figures.store_monthly_figures()


@shared_task(name="feedback.make_export")
def make_export(export_id: int) -> bool:
    return exports.make_export(export_id)


@shared_task(name="feedback.make_unclaimed_exports")
def make_unclaimed_exports() -> int:
    return exports.make_unclaimed_exports()


@shared_task(name="feedback.offer_missed_surveys")
def offer_missed_surveys() -> int:
    return surveys.offer_missed_surveys()
