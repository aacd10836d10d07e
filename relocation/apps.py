from django.apps import AppConfig


class RelocationConfig(AppConfig):
    name = "relocation"
    verbose_name = "Medflyttarservice"

    def ready(self) -> None:
        # The retention plan and the demo command find the relocation service through their
        # registries, so no module outside the app imports it.
        from karlshamn_portal.demo import loaders
        from relocation import demo
        from relocation.retention import RelocationProfiles
        from retention import registry

        registry.register(RelocationProfiles())
        loaders.register(demo.load)
