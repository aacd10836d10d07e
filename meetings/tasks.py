from celery import shared_task

from meetings import services


@shared_task(name="meetings.send_due_reminders")
def send_due_reminders() -> int:
    """The periodic scan: lead-time invitations first, then reminders, each claimed row by row."""
    return services.send_due_invitations() + services.send_due_reminders()
