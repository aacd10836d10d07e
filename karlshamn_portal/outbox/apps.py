from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "karlshamn_portal.outbox"
    label = "outbox"
    verbose_name = _("E-mail outbox")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from karlshamn_portal.outbox.delivery import forget_failed_flag
        from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus

        def saved(instance: OutboxMessage, **kwargs: object) -> None:
            if instance.status == OutboxStatus.FAILED:
                forget_failed_flag()

        # The dashboard's cached "some e-mails failed" (delivery.any_failed) follows a message
        # that fails, and failed messages deleted in the admin.
        post_save.connect(saved, sender=OutboxMessage, weak=False, dispatch_uid="outbox-failed-saved")
        post_delete.connect(
            lambda **kwargs: forget_failed_flag(),
            sender=OutboxMessage,
            weak=False,
            dispatch_uid="outbox-failed-deleted",
        )
