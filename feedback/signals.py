"""What the feedback app does when something happens in the liaison app: a closed case is
offered the satisfaction survey. Connected in FeedbackConfig.ready()."""

from typing import Any

from django.dispatch import receiver

from feedback.services.surveys import offer_survey
from liaison.announcements import case_closed
from liaison.models import Case


@receiver(case_closed, sender=Case, dispatch_uid="feedback.survey_closed_case")
def survey_closed_case(sender: type, case_id: int, outcome: str, **kwargs: Any) -> None:
    offer_survey(case_id, outcome)
