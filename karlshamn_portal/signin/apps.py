from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "karlshamn_portal.signin"
    label = "signin"
    verbose_name = _("Staff sign-in")

    def ready(self) -> None:
        from karlshamn_portal.signin import signals  # noqa: F401 - counts failed logins
