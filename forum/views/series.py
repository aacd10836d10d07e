"""Liaison pages for forum series: list, create, edit, the occurrence overview and the preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum.access import check_liaison, get_series_for
from forum.forms import InviteListAddForm, PreviewForm, SeriesForm
from forum.models import ForumSeries, SubscriberStatus
from forum.recurrence import describe_rule, next_dates
from forum.services.series import create_series, update_series
from forum.services.subscriptions import add_to_invite_list, unsubscribe
from karlshamn_portal.staff_request import StaffRequest


@login_required
def series_list(request: StaffRequest) -> HttpResponse:
    check_liaison(request.user)
    series = ForumSeries.objects.annotate(
        subscriber_count=Count("subscribers", filter=Q(subscribers__status=SubscriberStatus.CONFIRMED))
    )
    rows = [(item, describe_rule(item.rule)) for item in series]
    return render(request, "forum/manage/series_list.html", {"rows": rows})


@login_required
def series_create(request: StaffRequest) -> HttpResponse:
    check_liaison(request.user)
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        series = create_series(
            request.user, officials=form.cleaned_data["invited_officials"], **form.series_values()
        )
        messages.success(request, _("The forum series was created with its meetings for the coming year."))
        return redirect("forum:series-detail", series.slug)
    return render(request, "forum/manage/series_form.html", {"form": form, "preview": _preview(form)})


@login_required
def series_edit(request: StaffRequest, slug: str) -> HttpResponse:
    series = get_series_for(request.user, slug)
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        result = update_series(
            series, officials=form.cleaned_data["invited_officials"], **form.series_values()
        )
        messages.success(
            request,
            _("Saved. %(kept)s meetings kept their time, %(created)s were added and %(withdrawn)s withdrawn.")
            % {"kept": len(result.kept), "created": len(result.created), "withdrawn": len(result.withdrawn)},
        )
        return redirect("forum:series-detail", form.cleaned_data["slug"])
    return render(
        request, "forum/manage/series_form.html", {"form": form, "series": series, "preview": _preview(form)}
    )


def _preview(form: SeriesForm) -> list:
    if form.is_bound:
        return PreviewForm(form.data).dates()
    series = form.instance
    if series.pk:
        return next_dates(series.rule, series.first_date, series.start_time, series.end_date, timezone.now())
    return []


@login_required
@require_POST
def series_preview(request: StaffRequest) -> HttpResponse:
    """The htmx partial under the rule builder: the next ten dates the rule gives."""
    check_liaison(request.user)
    return render(
        request, "forum/manage/includes/preview.html", {"preview": PreviewForm(request.POST).dates()}
    )


def _detail_page(
    request: StaffRequest, series: ForumSeries, add_form: InviteListAddForm | None = None
) -> HttpResponse:
    now = timezone.now()
    occurrences = series.occurrences.select_related("meeting")
    context = {
        "series": series,
        "rule_text": describe_rule(series.rule),
        "upcoming": occurrences.upcoming(now).annotate(
            accepted=Count(
                "meeting__invitations", filter=Q(meeting__invitations__answer="ACCEPTED"), distinct=True
            ),
            invited=Count("meeting__invitations", distinct=True),
            proposals=Count("agenda_items", distinct=True),
        )[:24],
        "past": occurrences.past(now)[:12],
        "subscribers": series.subscribers.exclude(status=SubscriberStatus.UNSUBSCRIBED),
        "officials": series.invited_officials.order_by("first_name", "last_name"),
        "add_form": add_form or InviteListAddForm(),
    }
    return render(request, "forum/manage/series_detail.html", context, status=400 if add_form else 200)


@login_required
def series_detail(request: StaffRequest, slug: str) -> HttpResponse:
    return _detail_page(request, get_series_for(request.user, slug))


@login_required
@require_POST
def subscriber_add(request: StaffRequest, slug: str) -> HttpResponse:
    series = get_series_for(request.user, slug)
    form = InviteListAddForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, series, add_form=form)
    subscriber = add_to_invite_list(series, **form.cleaned_data)
    messages.success(
        request, _("%(email)s is on the invite list and has been told so.") % {"email": subscriber.email}
    )
    return redirect("forum:series-detail", series.slug)


@login_required
@require_POST
def subscriber_remove(request: StaffRequest, slug: str) -> HttpResponse:
    series = get_series_for(request.user, slug)
    email = request.POST.get("email", "")
    if unsubscribe(series, email):
        messages.success(request, _("%(email)s is no longer on the invite list.") % {"email": email})
    return redirect("forum:series-detail", series.slug)
