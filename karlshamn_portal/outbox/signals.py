"""The dashboard's cached "some e-mails failed" (delivery.any_failed) follows a message that fails,
and failed messages deleted in the admin. Connected in OutboxConfig.ready()."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from karlshamn_portal.outbox.delivery import forget_failed_flag
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus


@receiver(post_save, sender=OutboxMessage, dispatch_uid="outbox-failed-saved")
def message_saved(sender: type, instance: OutboxMessage, **kwargs: Any) -> None:
    if instance.status == OutboxStatus.FAILED:
        forget_failed_flag()


@receiver(post_delete, sender=OutboxMessage, dispatch_uid="outbox-failed-deleted")
def message_deleted(sender: type, instance: OutboxMessage, **kwargs: Any) -> None:
    forget_failed_flag()
