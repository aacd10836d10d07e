"""What the retention plan clears of the survey (see retention/registry.py): the contact's
address and comment; the ratings stay, so the statistics and the index do not change."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from feedback.models import Survey, SurveyOptOut, SurveyResponse
from retention.registry import Kind, Person


class SurveyPersonalData(Kind):
    key = "survey_personal_data"
    label = _("Satisfaction surveys: the contact's address and comment")
    rule = _(
        "the e-mail address and the comment removed %(days)s days after the survey was sent; the ratings stay"
    )

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        return [Survey.objects.filter(sent_at__lt=cutoff).exclude(email="")]

    def clear(self, rows: QuerySet, now: datetime) -> None:
        SurveyResponse.objects.filter(survey__in=rows).update(comment="")
        rows.update(email="")

    def personal_data(self, person: Person) -> dict[str, list[dict[str, object]]]:
        if not person.email:
            return {}
        surveys = Survey.objects.filter(email__iexact=person.email).select_related("case", "response")
        answers = []
        for survey in surveys:
            answer = getattr(survey, "response", None)
            answers.append(
                {
                    "case": survey.case.reference,
                    "sent": survey.sent_at.isoformat(),
                    "answered": answer.updated_at.isoformat() if answer else None,
                    "comment": answer.comment if answer else "",
                }
            )
        opted_out = SurveyOptOut.objects.filter(email=person.email.strip().lower()).exists()
        return {"satisfaction_surveys": answers, "survey_opt_out": [{"opted_out": opted_out}]}
