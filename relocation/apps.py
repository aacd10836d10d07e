from django.apps import AppConfig


class RelocationConfig(AppConfig):
    name = "relocation"
    verbose_name = "Medflyttarservice"

    def ready(self) -> None:
        # The demo command finds the relocation demo through the loaders, so no module outside
        # the app imports it.
        from karlshamn_portal.demo import loaders
        from relocation import demo

        loaders.register(demo.load)
