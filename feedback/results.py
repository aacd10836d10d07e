"""What the staff view reads: NKI and factor indices per group for a period, the monthly trend,
and the comments and low-scoring answers a staff member may read. A fixed number of aggregate
queries whatever the number of answers."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from feedback.models import FACTORS, Survey, SurveyResponse
from feedback.nki import NkiFigure, group_factor, group_nki
from feedback.periods import Period
from karlshamn_portal.roles import is_liaison
from liaison.models import Case, Department, Referral, ReferralStatus, Topic
from liaison.working_days import STOCKHOLM

# Below "approved": an answer whose index is under this is a low score worth a look.
LOW_SCORE = 62


@dataclass(frozen=True)
class GroupResult:
    name: str
    nki: NkiFigure
    factors: list[int | None]  # in FACTORS order


def _aggregates() -> dict[str, object]:
    values: dict[str, object] = {"total": Sum("nki"), "respondents": Count("nki")}
    for name in FACTORS:
        values[f"{name}_mean"] = Avg(name)
        values[f"{name}_answers"] = Count(name)
    return values


def _result(name: str, row: dict[str, object], surveyed: int) -> GroupResult:
    return GroupResult(
        name,
        group_nki(float(row.get("total") or 0.0), int(row.get("respondents") or 0), surveyed),  # type: ignore[arg-type]
        [group_factor(row.get(f"{f}_mean"), int(row.get(f"{f}_answers") or 0)) for f in FACTORS],  # type: ignore[arg-type, call-overload]
    )


def _in_period(period: Period) -> tuple[QuerySet[SurveyResponse], QuerySet[Survey]]:
    start, end = period.bounds
    return (
        SurveyResponse.objects.filter(survey__sent_at__gte=start, survey__sent_at__lt=end),
        Survey.objects.filter(sent_at__gte=start, sent_at__lt=end),
    )


def service_result(period: Period, name: str) -> GroupResult:
    answers, surveys = _in_period(period)
    return _result(name, answers.aggregate(**_aggregates()), surveys.count())  # type: ignore[arg-type]


def _grouped(period: Period, answer_key: str, survey_key: str, names: dict[int, str]) -> list[GroupResult]:
    answers, surveys = _in_period(period)
    rows = {row[answer_key]: row for row in answers.values(answer_key).annotate(**_aggregates())}  # type: ignore[arg-type]
    sent = dict(surveys.values_list(survey_key).annotate(n=Count("pk", distinct=True)))
    return [_result(name, rows.get(pk, {}), sent.get(pk, 0)) for pk, name in names.items() if pk in sent]


def _summed(answers: list[tuple[float | None, ...]]) -> dict[str, object]:
    """What _aggregates gives, worked out over (nki, *factors) rows already read."""
    indices = [row[0] for row in answers if row[0] is not None]
    values: dict[str, object] = {"total": sum(indices), "respondents": len(indices)}
    for position, name in enumerate(FACTORS, start=1):
        ratings = [row[position] for row in answers if row[position] is not None]
        values[f"{name}_mean"] = sum(ratings) / len(ratings) if ratings else None  # type: ignore[arg-type]
        values[f"{name}_answers"] = len(ratings)
    return values


def department_results(period: Period) -> list[GroupResult]:
    """Each department the period's surveyed cases were referred to and that did not decline
    (a declined referral went back to the liaison officer: the department did not handle the
    case, and cannot read it either). A case referred to two departments counts in both, and
    once in each even when a department had it twice (declined, or done and sent again).

    Summed here rather than in the database: a join through the referrals would count such a
    case twice. Three queries; a row per surveyed case and department in the period."""
    answers, surveys = _in_period(period)
    referred = (
        Referral.objects.filter(case__survey__in=surveys)
        .exclude(status=ReferralStatus.DECLINED)
        .values_list("department_id", "case__survey")
        .distinct()
    )
    surveys_of: dict[int, set[int]] = {}
    for department_id, survey_id in referred:
        surveys_of.setdefault(department_id, set()).add(survey_id)
    rows = {row[0]: row[1:] for row in answers.values_list("survey_id", "nki", *FACTORS)}
    results = []
    for department in Department.objects.filter(pk__in=surveys_of):
        surveyed = surveys_of[department.pk]
        mine = [rows[survey_id] for survey_id in surveyed if survey_id in rows]
        results.append(_result(department.name, _summed(mine), len(surveyed)))
    return results


def topic_results(period: Period) -> list[GroupResult]:
    names = {t.pk: t.name for t in Topic.objects.all()}
    return _grouped(period, "survey__case__topic", "case__topic", names)


def monthly_trend(months: list[Period]) -> list[tuple[Period, NkiFigure]]:
    """The service's NKI for each of `months` (oldest first): two queries."""
    start, end = months[0].bounds[0], months[-1].bounds[1]
    answers = SurveyResponse.objects.filter(survey__sent_at__gte=start, survey__sent_at__lt=end)
    by_month = answers.annotate(month=TruncMonth("survey__sent_at", tzinfo=STOCKHOLM)).values("month")
    totals = {row["month"].date(): row for row in by_month.annotate(total=Sum("nki"), n=Count("nki"))}
    surveys = Survey.objects.filter(sent_at__gte=start, sent_at__lt=end)
    sent_rows = surveys.annotate(month=TruncMonth("sent_at", tzinfo=STOCKHOLM)).values("month")
    sent = {row["month"].date(): row["n"] for row in sent_rows.annotate(n=Count("pk"))}
    trend = []
    for period in months:
        row = totals.get(period.start, {})
        trend.append(
            (period, group_nki(row.get("total") or 0.0, row.get("n") or 0, sent.get(period.start, 0)))
        )
    return trend


def answers_visible_to(user: object) -> QuerySet[SurveyResponse]:
    """Liaison officers read every answer; an official those of cases referred to their
    departments (as they read the cases themselves)."""
    answers = SurveyResponse.objects.select_related("survey__case")
    if is_liaison(user):  # type: ignore[arg-type]
        return answers
    return answers.filter(survey__case__in=Case.objects.visible_to_official(user))


def comments(user: object, period: Period, limit: int = 50) -> list[SurveyResponse]:
    start, end = period.bounds
    visible = answers_visible_to(user).with_comment()
    return list(visible.filter(survey__sent_at__gte=start, survey__sent_at__lt=end)[:limit])


def low_scores(user: object, period: Period, limit: int = 50) -> list[SurveyResponse]:
    start, end = period.bounds
    visible = answers_visible_to(user).filter(Q(nki__lt=LOW_SCORE), survey__sent_at__gte=start)
    return list(visible.filter(survey__sent_at__lt=end).order_by("nki", "-answered_at")[:limit])
