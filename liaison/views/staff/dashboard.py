"""The liaison officers' dashboard: counts, filtered case list in keyset pages, bulk actions.

Filters, pages and bulk actions update the results in place with htmx and work as plain page
loads without JavaScript.
"""

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from karlshamn_portal.language import page_in_english
from karlshamn_portal.outbox.delivery import FAILED_FLAG_KEY, any_failed
from karlshamn_portal.people import name_from_values
from karlshamn_portal.staff_request import StaffRequest
from liaison.forms.staff import BulkActionForm, DashboardFilterForm
from liaison.models import CaseStatus, ReferralStatus
from liaison.options import dashboard_options, options_key
from liaison.queries import (
    counts_key,
    dashboard_counts,
    dashboard_rows,
    filtered_cases,
    keyset_page,
    referrals_by_case,
)
from liaison.services.referrals import route_cases
from liaison.services.triage import assign_cases_to, close_cases
from liaison.views.staff.common import liaison_required
from liaison.working_days import local_today

FILTER_FIELDS = ["q", "status", "topic", "department", "official", "owner", "overdue", "sort"]


def _filter_query(params: QueryDict) -> str:
    """The filters of a request as a query string, without the page position."""
    return urlencode([(name, value) for name in FILTER_FIELDS for value in params.getlist(name) if value])


def _name(row: dict[str, Any], prefix: str, english: bool) -> str:
    # The models' `name` property, on values: English when the page is, otherwise Swedish.
    return row[f"{prefix}name_en"] if english else row[f"{prefix}name_sv"]


@dataclass(frozen=True)
class _RowLabels:
    """What every row shares, looked up once per page: translating a lazy label or finding the
    current time zone costs more than the rest of a row."""

    english: bool
    case_statuses: dict[str, str]
    referral_statuses: dict[str, str]
    zone: tzinfo
    topics: dict[Any, str]

    @classmethod
    def current(cls, options: dict[str, list[tuple[Any, str]]]) -> "_RowLabels":
        return cls(
            english=page_in_english(),
            case_statuses={value: str(label) for value, label in CaseStatus.choices},
            referral_statuses={value: str(label) for value, label in ReferralStatus.choices},
            zone=timezone.get_current_timezone(),
            # Every topic's name in the page's language, from the topic select's cached options:
            # reading it with the rows cost a join, which PostgreSQL took longer to plan than to run.
            topics=dict(options["topic"]),
        )


def _row(case: dict[str, Any], referrals: list[dict[str, Any]], labels: _RowLabels) -> dict[str, Any]:
    """One table row as display strings, from the values of dashboard_rows and referrals_by_case:
    the rows are rendered by one template tag and the page is drawn on every request."""
    english = labels.english
    return {
        "pk": case["id"],
        "reference": case["reference"],
        "received": case["created_at"].astimezone(labels.zone).strftime("%Y-%m-%d %H:%M"),
        "company": case["company__name"],
        "organisation_number": case["company__organisation_number"],
        "subject": case["subject"],
        "topic": labels.topics.get(case["topic_id"], "–") if case["topic_id"] is not None else "–",
        "status": labels.case_statuses[case["status"]],
        "owner": name_from_values(
            case["owner__first_name"], case["owner__last_name"], case["owner__username"]
        ),
        "referrals": [
            {
                "department": _name(referral, "department__", english),
                "status": labels.referral_statuses[referral["status"]],
                "overdue": referral["is_overdue"],
            }
            for referral in referrals
        ],
        "due": case["first_response_due"].isoformat(),
        "overdue": case["is_overdue"],
    }


def _render(
    request: StaffRequest, params: QueryDict, bulk_form: BulkActionForm | None = None
) -> HttpResponse:
    today = local_today(timezone.now())
    form = DashboardFilterForm(params)
    filters = form.cleaned_data if form.is_valid() else {}
    selection = filtered_cases(filters, request.user, today)
    page = keyset_page(
        selection.cases,
        filters.get("sort") or "-received",
        shape=lambda chosen: dashboard_rows(chosen, today),
        after=params.get("after", ""),
        before=params.get("before", ""),
        last=params.get("last") == "1",
        gather=selection.gather,
    )
    query = _filter_query(params)
    referrals = referrals_by_case(page.rows, today)
    # The counts and the select options in one cache round trip rather than two.
    cached = cache.get_many([counts_key(today), options_key(get_language()), FAILED_FLAG_KEY])
    # Topics, departments and officials for both forms' selects, from the cache.
    options = dashboard_options(form, cached)
    labels = _RowLabels.current(options)
    context = {
        "form": form,
        "shared_options": options,
        "bulk_form": bulk_form or BulkActionForm(),
        "page": page,
        "rows": [_row(case, referrals[case["id"]], labels) for case in page.rows],
        # One reverse() for the page rather than one per row.
        "case_path": reverse("case-detail", args=["NL-0000-0000"]).removesuffix("NL-0000-0000/"),
        "counts": dashboard_counts(today, cached),
        "query": query,
        "query_prefix": f"{query}&" if query else "",
        "outbox_failed": any_failed(cached),
        "today": today,
    }
    template = "liaison/staff/dashboard.html"
    if request.htmx and not request.htmx.boosted:
        template = "liaison/staff/includes/dashboard_results.html"
    return render(request, template, context)


@liaison_required
def dashboard(request: StaffRequest) -> HttpResponse:
    return _render(request, request.GET)


@require_POST
@liaison_required
def dashboard_bulk(request: StaffRequest) -> HttpResponse:
    params = QueryDict(request.POST.get("filters", ""))
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        return _render(request, params, form)
    cases = list(form.cleaned_data["cases"])
    action = form.cleaned_data["action"]
    if action == BulkActionForm.ASSIGN:
        count = assign_cases_to(cases, request.user)
        messages.success(
            request, ngettext("%d case assigned to you.", "%d cases assigned to you.", count) % count
        )
    elif action == BulkActionForm.ROUTE:
        department = form.cleaned_data["department"]
        count = route_cases(cases, department, request.user)
        messages.success(
            request,
            _("%(count)d referrals to %(department)s made.") % {"count": count, "department": department},
        )
    else:
        count, skipped = close_cases(cases, form.cleaned_data["summary"], request.user)
        messages.success(request, ngettext("%d case closed.", "%d cases closed.", count) % count)
        if skipped:
            messages.warning(request, _("Could not close: %s") % ", ".join(skipped))
    if request.htmx:
        return _render(request, params)
    url = reverse("dashboard")
    query = _filter_query(params)
    return redirect(f"{url}?{query}" if query else url)
