"""The liaison officers' dashboard: counts, filtered case list in keyset pages, bulk actions.

Filters, pages and bulk actions update the results in place with htmx and work as plain page
loads without JavaScript.
"""

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from karlshamn_portal.outbox.delivery import any_failed
from karlshamn_portal.staff_request import StaffRequest
from liaison.forms.staff import BulkActionForm, DashboardFilterForm
from liaison.options import dashboard_options, select_of
from liaison.queries import Scan, dashboard_counts, dashboard_page
from liaison.rows import dashboard_rows
from liaison.services.referrals import route_cases
from liaison.services.triage import assign_cases_to, close_cases
from liaison.views.staff.common import liaison_required
from liaison.working_days import local_today

FILTER_FIELDS = ["q", "status", "topic", "department", "official", "owner", "overdue", "sort"]
POSITION_FIELDS = ["after", "before", "last"]
# Drawn by the filter form's own markup: the search box and the checkbox.
NOT_SELECTS = {"q", "overdue"}


def _query(params: QueryDict, names: list[str]) -> str:
    return urlencode([(name, value) for name in names for value in params.getlist(name) if value])


def _chosen_ids(bulk_form: BulkActionForm | None) -> set[int]:
    """The cases ticked in a bulk action that failed, so they stay ticked beside its error."""
    if bulk_form is None or not bulk_form.is_bound:
        return set()
    return {int(value) for value in bulk_form["cases"].value() or [] if str(value).isdigit()}


def _render(
    request: StaffRequest, params: QueryDict, bulk_form: BulkActionForm | None = None
) -> HttpResponse:
    today = local_today(timezone.now())
    form = DashboardFilterForm(params)
    scan = Scan.of(
        params.get("sort", ""),
        after=params.get("after", ""),
        before=params.get("before", ""),
        last=params.get("last") == "1",
    )
    page = dashboard_page(form.case_filters(request.user, today), scan)
    # Topics, departments and officials for both forms' selects, from the cache.
    options = dashboard_options(form)
    bulk_form = bulk_form or BulkActionForm()
    query = _query(params, FILTER_FIELDS)
    context = {
        "form": form,
        "filter_selects": [
            select_of(field, options.get(field.name)) for field in form if field.name not in NOT_SELECTS
        ],
        "bulk_form": bulk_form,
        "action_select": select_of(bulk_form["action"]),
        "department_select": select_of(bulk_form["department"], options["department"]),
        "page": page,
        "rows": dashboard_rows(page.cases, today, _chosen_ids(bulk_form)),
        "counts": dashboard_counts(today),
        "query": query,
        "query_prefix": f"{query}&" if query else "",
        # What a bulk action returns to: the same filters and page.
        "page_query": _query(params, FILTER_FIELDS + POSITION_FIELDS),
        "outbox_failed": any_failed(),
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
            ngettext(
                "%(count)d referral to %(department)s made.",
                "%(count)d referrals to %(department)s made.",
                count,
            )
            % {"count": count, "department": department},
        )
    else:
        count, skipped = close_cases(cases, form.cleaned_data["summary"], request.user)
        messages.success(request, ngettext("%d case closed.", "%d cases closed.", count) % count)
        if skipped:
            messages.warning(request, _("Could not close: %s") % ", ".join(skipped))
    if request.htmx:
        return _render(request, params)
    url = reverse("dashboard")
    query = _query(params, FILTER_FIELDS)
    return redirect(f"{url}?{query}" if query else url)
