from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "karlshamn_portal.demo"
    label = "demo"
    verbose_name = "Demo data"
