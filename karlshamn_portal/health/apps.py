from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "karlshamn_portal.health"
    label = "health"
    verbose_name = "Health"

    def ready(self) -> None:
        from karlshamn_portal.health import signals  # noqa: F401 - connects the heartbeats
