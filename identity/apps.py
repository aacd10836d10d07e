from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = "Staff identity"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from identity import signals

        signals.connect()
