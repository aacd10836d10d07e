"""Coverage: the share of register companies met, per size class and industry, the goals' gaps,
the "never met" list; and the business developers' start page."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.access import register_required
from companies.coverage import DEFAULT_MONTHS, CoverageReport, coverage_report, goal_gaps, never_met
from companies.coverage_cache import PERIODS
from companies.models import FollowUp, Visit
from companies.queries import CoverageRow
from karlshamn_portal.numbers import parse_id
from karlshamn_portal.staff_request import StaffRequest
from liaison.working_days import add_working_days, local_today

ROW_HEIGHT = 28
BAR_WIDTH = 400  # the chart's units for 100 %
UPCOMING_DAYS = 10


@dataclass(frozen=True)
class Bar:
    label: str
    percent: int
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    """One bar chart as the template draws it: positions worked out here, no markup."""

    slug: str
    title: str
    description: str
    bars: list[Bar]
    height: int


def chart_of(slug: str, title: str, rows: list[CoverageRow], months: int) -> Chart:
    bars = [
        Bar(row.label, row.share("any"), index * ROW_HEIGHT, BAR_WIDTH * row.share("any") // 100)
        for index, row in enumerate(rows)
    ]
    description = _(
        "The share of the register's companies met in any way in the last %(months)s months; the table below has the figures."
    ) % {"months": months}
    return Chart(slug, title, description, bars, max(len(bars), 1) * ROW_HEIGHT)


def _months(raw: str) -> int:
    months = parse_id(raw)
    return months if months in PERIODS else DEFAULT_MONTHS


@register_required
def coverage(request: StaffRequest) -> HttpResponse:
    now = timezone.now()
    months = _months(request.GET.get("months", ""))
    report: CoverageReport = coverage_report(now, months)
    context = {
        "report": report,
        "months": months,
        "periods": PERIODS,
        "charts": [
            (chart_of("size", _("Companies met by size class"), report.by_size, months), report.by_size),
            (
                chart_of("section", _("Companies met by industry"), report.by_section, months),
                report.by_section,
            ),
        ],
        "gaps": goal_gaps(now),
        "never_met": never_met(now),
        "bar_width": BAR_WIDTH,
    }
    return render(request, "companies/coverage.html", context)


@register_required
def start(request: StaffRequest) -> HttpResponse:
    """Upcoming visits, follow-ups due or overdue, and companies to visit next."""
    now = timezone.now()
    today = local_today(now)
    context = {
        "upcoming": Visit.objects.next_upcoming(now, 20),
        "follow_ups": list(
            FollowUp.objects.due_by(add_working_days(today, 5))
            .select_related("visit__company", "owner_user", "owner_department")
            .order_by("due_on", "id")[:50]
        ),
        "not_followed_up": list(
            Visit.objects.not_followed_up().with_meeting().order_by("recorded_at", "id")[:20]
        ),
        "suggestions": [gap for gap in goal_gaps(now) if gap.companies][:3],
        "today": today,
    }
    return render(request, "companies/start.html", context)
