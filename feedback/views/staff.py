"""The staff view of the survey: NKI and factors by group for a period, the trend, comments and
the answers behind a low score."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import results
from feedback.access import staff_required
from feedback.charts import bar_chart
from feedback.forms import FACTOR_TEXT, ResultsForm
from feedback.models import FACTORS
from feedback.periods import recent_periods, trend_months
from karlshamn_portal.roles import is_liaison
from karlshamn_portal.staff_request import StaffRequest
from liaison.working_days import local_today


@staff_required
def results_page(request: StaffRequest) -> HttpResponse:
    today = local_today(timezone.now())
    form = ResultsForm(request.GET or None, recent_periods(today))
    period = form.chosen()
    trend = results.monthly_trend(trend_months(today))
    chart = bar_chart(
        "nki-trend",
        _("Satisfaction index (NKI) per month"),
        _(
            "The service's NKI for each of the last twelve months, 0 to 100; months with fewer than seven answers have no bar."
        ),
        _("NKI"),
        [
            (p.key, figure.value, str(figure.value) if figure.value is not None else _("too few answers"))
            for p, figure in trend
        ],
        maximum=100,
    )
    context = {
        "form": form,
        "period": period,
        "service_list": [results.service_result(period, _("The business liaison service"))],
        "departments": results.department_results(period),
        "topics": results.topic_results(period),
        "factor_names": [str(FACTOR_TEXT[name]).split(":")[0] for name in FACTORS],
        "chart": chart,
        "comments": results.comments(request.user, period),
        "low_scores": results.low_scores(request.user, period),
        "is_liaison": is_liaison(request.user),
    }
    return render(request, "feedback/results.html", context)
