"""The public statistics: per month and year, with charts and the same numbers as a table and
as CSV. Cached (feedback.services.figures.statistics)."""

import csv
import io
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.charts import BarChart, bar_chart
from feedback.periods import trend_months
from feedback.services.coverage import Coverage
from feedback.services.figures import Figures, statistics
from liaison.working_days import local_today

SHOWN_MONTHS = 12


def _percent(value: int | None) -> str:
    return "–" if value is None else f"{value} %"


def _nki_shown(figures: Figures) -> str:
    nki = figures.nki
    return _("too few answers") if nki.too_few else f"{nki.value} ({nki.band_label})"


def _charts(months: list[Figures]) -> list[BarChart]:
    return [
        bar_chart(
            "cases-received",
            _("Cases received per month"),
            _("How many cases companies sent each month, the last twelve months."),
            _("Cases"),
            [(f"{m.start:%Y-%m}", m.cases_received, str(m.cases_received)) for m in months],
        ),
        bar_chart(
            "answered-in-time",
            _("Share answered within the promise"),
            _(
                "Of the cases received each month and answered, the share that got their first response within the promised working days, in percent."
            ),
            _("Percent"),
            [(f"{m.start:%Y-%m}", m.share_in_time, _percent(m.share_in_time)) for m in months],
            maximum=100,
        ),
        bar_chart(
            "nki",
            _("Satisfaction index (NKI) per month"),
            _(
                "NKI from 0 to 100 for the cases surveyed each month; a month with fewer than seven answers has no bar."
            ),
            _("NKI"),
            [(f"{m.start:%Y-%m}", m.nki.value, _nki_shown(m)) for m in months],
            maximum=100,
        ),
    ]


def _coverage_chart(coverage: list[Coverage]) -> BarChart:
    return bar_chart(
        "coverage",
        _("Coverage by size class"),
        _(
            "Of the companies in the register in each size class, the share we visited within the goal for that class, in percent."
        ),
        _("Percent"),
        [(row.label, row.share, _percent(row.share)) for row in coverage],
        maximum=100,
        heading=_("Size class"),
        axis_labels=[row.size_class for row in coverage],
    )


def last_months(figures: list[Figures], today: date) -> list[Figures]:
    """The last SHOWN_MONTHS calendar months, oldest first; a month with nothing is all zeros."""
    by_month = {month.start: month for month in figures}
    return [by_month.get(p.start) or Figures(p.start) for p in trend_months(today, SHOWN_MONTHS)]


def statistics_page(request: HttpRequest) -> HttpResponse:
    figures = statistics()
    months = last_months(figures.months, local_today(timezone.now()))
    context = {
        "charts": _charts(months),
        "months": list(reversed(months)),
        "years": list(reversed(figures.years)),
        "coverage": figures.coverage,
        "coverage_chart": _coverage_chart(figures.coverage) if figures.coverage else None,
    }
    return render(request, "feedback/statistics.html", context)


def headings() -> list[str]:
    return [
        _("Period"),
        _("Cases received"),
        _("Median working days to first response"),
        _("Share answered within the promise (%)"),
        _("Share of referrals done by their due date (%)"),
        _("NKI"),
        _("NKI band"),
        _("NKI respondents"),
        _("Response rate (%)"),
        _("Forum meetings held"),
        _("Forum attendance"),
        _("Company visits held"),
    ]


def coverage_headings() -> list[str]:
    return [
        _("Size class"),
        _("Goal: a visit every (months)"),
        _("Companies in the register"),
        _("Visited within the goal"),
        _("Coverage (%)"),
    ]


def csv_row(period: str, figures: Figures) -> list[object]:
    nki = figures.nki
    return [
        period,
        figures.cases_received,
        "" if figures.median_response_days is None else figures.median_response_days,
        "" if figures.share_in_time is None else figures.share_in_time,
        "" if figures.share_referrals_on_time is None else figures.share_referrals_on_time,
        _("too few answers") if nki.too_few else nki.value,
        nki.band_label,
        nki.respondents,
        "" if nki.response_rate is None else nki.response_rate,
        figures.forum_meetings,
        figures.forum_attendance,
        figures.visits_held,
    ]


def statistics_csv(request: HttpRequest) -> HttpResponse:
    figures = statistics()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings())
    for month in figures.months:
        writer.writerow(csv_row(f"{month.start:%Y-%m}", month))
    for year in figures.years:
        writer.writerow(csv_row(f"{year.start:%Y}", year))
    if figures.coverage:
        writer.writerow([])
        writer.writerow(coverage_headings())
        for row in figures.coverage:
            writer.writerow(
                [
                    row.label,
                    row.interval_months,
                    row.companies,
                    row.visited,
                    "" if row.share is None else row.share,
                ]
            )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statistik.csv"'
    return response
