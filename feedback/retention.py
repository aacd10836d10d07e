"""What the retention plan clears of the survey (see retention/registry.py): the contact's
address and comment; the ratings stay, so the statistics and the index do not change. An
erasure request removes at once what the person gave of their own accord: the opt-out and their
comments."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from feedback.models import Export, Survey, SurveyOptOut, SurveyResponse
from retention.registry import Kind, Person
from retention.services.files import delete_files_after_commit


class SurveyPersonalData(Kind):
    key = "survey_personal_data"
    label = _("Satisfaction surveys: the contact's address and comment")
    rule = _(
        "the e-mail address and the comment removed %(days)s days after the survey was sent; the ratings stay"
    )
    erased_label = _("Satisfaction surveys: the request for no more surveys and the comments")

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
        # Only an opt-out that exists is listed, so the summary counts no row for a person without one.
        opt_outs = SurveyOptOut.objects.filter(email=person.email.strip().lower())
        return {
            "satisfaction_surveys": answers,
            "survey_opt_out": [{"opted_out_at": opt_out.created_at.isoformat()} for opt_out in opt_outs],
        }

    def erase_consented(self, person: Person) -> int:
        if not person.email:
            return 0
        opt_outs, _deleted = SurveyOptOut.objects.filter(email=person.email.strip().lower()).delete()
        # The survey's address stays until the plan clears it: it is the case's contact address,
        # part of an official record, and the ratings are statistics.
        comments = (
            SurveyResponse.objects.filter(survey__email__iexact=person.email)
            .exclude(comment="")
            .update(comment="")
        )
        return opt_outs + comments


class StaffExports(Kind):
    """The files a worker made of large exports: copies of the cases' contact names and the
    answers' comments, kept only long enough for the member of staff to download them."""

    key = "staff_exports"
    label = _("Exports made for staff (cases, survey answers)")
    rule = _("the file deleted %(days)s days after it was asked for")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        return [Export.objects.filter(created_at__lt=cutoff)]

    def clear(self, rows: QuerySet, now: datetime) -> None:
        delete_files_after_commit(rows.values_list("file", flat=True))
        rows.delete()
