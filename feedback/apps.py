from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback and statistics")

    def ready(self) -> None:
        from feedback import signals  # noqa: F401 - connects the receivers
        from feedback.retention import StaffExports, SurveyPersonalData
        from retention import registry

        registry.register(SurveyPersonalData())
        registry.register(StaffExports())
