from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "karlshamn_portal.outbox"
    label = "outbox"
    verbose_name = _("E-mail outbox")

    def ready(self) -> None:
        from karlshamn_portal.outbox import signals  # noqa: F401 - connects the receivers
