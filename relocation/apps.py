from django.apps import AppConfig


class RelocationConfig(AppConfig):
    name = "relocation"
    verbose_name = "Medflyttarservice"

    def ready(self) -> None:
        from relocation.retention import RelocationProfiles
        from retention import registry

        registry.register(RelocationProfiles())
