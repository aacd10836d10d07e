"""The rows of the staff exports, as plain values: the dashboard's filtered case list and the
survey answers. Personnummer masked; dates in Stockholm time."""

from collections.abc import Iterator, Sequence
from datetime import datetime

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import FACTORS, QUESTIONS, SurveyResponse
from feedback.nki import whole
from karlshamn_portal.people import display_name
from liaison.forms.staff import DashboardFilterForm
from liaison.models import Case, Referral
from liaison.working_days import STOCKHOLM, local_today

Cell = str | int | float | None
CHUNK = 2_000


def local(moment: datetime | None) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M") if moment else ""


def _departments(case: Case) -> str:
    return ", ".join(referral.department.name for referral in case.referrals.all())


def _with_departments(cases):  # type: ignore[no-untyped-def]
    referrals = Referral.objects.select_related("department").order_by("created_at", "id")
    return cases.prefetch_related(Prefetch("referrals", queryset=referrals))


def case_export(query: str, user: object) -> "Export":
    """The cases the dashboard lists for these filters (its query string), in every page."""
    form = DashboardFilterForm(QueryDict(query))
    filters = form.case_filters(user, local_today(timezone.now()))
    cases = filters.apply(Case.objects.all()).search(filters.text)
    cases = _with_departments(cases.select_related("company", "topic", "owner")).order_by(
        "-created_at", "-id"
    )
    return Export(
        case_headings(), cases.count(), (_case_row(case) for case in cases.iterator(chunk_size=CHUNK))
    )


def case_headings() -> list[str]:
    return [
        _("Reference"),
        _("Received"),
        _("Status"),
        _("Company"),
        _("Organisationsnummer"),
        _("Contact"),
        _("Topic"),
        _("Liaison officer"),
        _("Departments"),
        _("First response due"),
        _("First response"),
        _("Closed"),
        _("Diarium number"),
    ]


def _case_row(case: Case) -> list[Cell]:
    return [
        case.reference,
        local(case.created_at),
        case.get_status_display(),
        case.company.name,
        case.company.masked_organisation_number,
        case.contact_name,
        case.topic.name if case.topic else "",
        display_name(case.owner) if case.owner else "",
        _departments(case),
        case.first_response_due.isoformat(),
        local(case.first_responded_at),
        local(case.closed_at),
        case.diarium_number,
    ]


def survey_export() -> "Export":
    """Every survey answer with its case."""
    answers = SurveyResponse.objects.select_related("survey__case__company", "survey__case__topic")
    answers = answers.prefetch_related(
        Prefetch(
            "survey__case__referrals",
            queryset=Referral.objects.select_related("department").order_by("created_at", "id"),
        )
    ).order_by("-answered_at", "-id")
    labels = [str(SurveyResponse._meta.get_field(name).verbose_name) for name in (*QUESTIONS, *FACTORS)]
    headings = [
        _("Reference"),
        _("Company"),
        _("Organisationsnummer"),
        _("Topic"),
        _("Departments"),
        _("Survey sent"),
        _("Answered"),
        *labels,
        _("Respondent's index"),
        _("Comment"),
    ]
    return Export(
        headings, answers.count(), (_answer_row(answer) for answer in answers.iterator(chunk_size=CHUNK))
    )


def _answer_row(answer: SurveyResponse) -> list[Cell]:
    case = answer.survey.case
    return [
        case.reference,
        case.company.name,
        case.company.masked_organisation_number,
        case.topic.name if case.topic else "",
        _departments(case),
        local(answer.survey.sent_at),
        local(answer.updated_at),
        *(getattr(answer, name) for name in (*QUESTIONS, *FACTORS)),
        whole(answer.nki) if answer.nki is not None else None,
        answer.comment,
    ]


class Export:
    """Headings, the number of rows and the rows themselves (read lazily, in chunks)."""

    def __init__(self, headings: Sequence[str], count: int, rows: Iterator[list[Cell]]) -> None:
        self.headings = list(headings)
        self.count = count
        self.rows = rows
