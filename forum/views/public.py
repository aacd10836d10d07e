"""The public forum page, subscribing, and the pages behind the signed e-mail links."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from forum.feed import series_calendar
from forum.forms import MINUTES_TYPES, AgendaProposalForm, SubscribeForm
from forum.links import CONFIRM, MINUTES, PROPOSE, UNSUBSCRIBE, read_forum_link
from forum.models import AgendaItem, AgendaItemStatus, ForumSeries, Occurrence, Subscriber
from forum.services.agenda import AgendaClosed, accepts_proposals, propose_agenda_item
from forum.services.subscriptions import (
    TooManyConfirmations,
    confirm_subscription,
    subscribe,
    unsubscribe,
)
from karlshamn_portal.middleware import rate_limited, too_many_requests
from karlshamn_portal.signing import InvalidLink
from liaison import ratelimit

UPCOMING_PER_SERIES = 6
SHOWN_AHEAD = timedelta(days=200)
SUBSCRIBE_SCOPE = "forum-subscribe"
PROPOSE_SCOPE = "forum-propose"


def forum_index(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    published_items = AgendaItem.objects.filter(status=AgendaItemStatus.ACCEPTED).order_by("position", "pk")
    upcoming = (
        Occurrence.objects.upcoming(now)
        .select_related("meeting")
        .prefetch_related(Prefetch("agenda_items", queryset=published_items, to_attr="published_items"))
    )
    series = list(ForumSeries.objects.order_by("name"))
    by_series: dict[int, list[Occurrence]] = {item.pk: [] for item in series}
    for occurrence in upcoming.filter(meeting__start__lte=now + SHOWN_AHEAD):
        if len(by_series[occurrence.series_id]) < UPCOMING_PER_SERIES:
            by_series[occurrence.series_id].append(occurrence)
    form = SubscribeForm(initial={"series": series[0].slug if series else None})
    form.fields["series"].queryset = ForumSeries.objects.order_by("name")  # type: ignore[attr-defined]
    context = {"series_rows": [(item, by_series[item.pk]) for item in series], "form": form}
    return render(request, "forum/index.html", context)


@require_POST
@rate_limited(SUBSCRIBE_SCOPE)
def forum_subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST)
    use = ratelimit.try_use_by_client(SUBSCRIBE_SCOPE, request, settings.SUBMISSIONS_PER_HOUR)
    if not use.allowed:
        return too_many_requests(request, use)
    if form.is_spam():
        return render(request, "forum/subscribe_error.html", {"form": form, "rejected": True}, status=400)
    if not form.is_valid():
        ratelimit.give_back(use)  # only accepted sign-ups count against the limit
        return render(request, "forum/subscribe_error.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        subscribe(
            data["series"],
            name=data["name"],
            email=data["email"],
            company_name=data["company_name"],
            language=translation.get_language() or "sv",
        )
    except TooManyConfirmations:
        return render(
            request, "forum/subscribe_error.html", {"form": form, "address_limited": True}, status=429
        )
    messages.success(
        request, _("Thank you! We have sent you an e-mail. Open the link in it to confirm your subscription.")
    )
    return redirect("forum:index")


def _payload(purpose: str, token: str, request: HttpRequest) -> dict[str, Any] | HttpResponse:
    try:
        return read_forum_link(purpose, token)
    except InvalidLink:
        return render(request, "forum/link_invalid.html", status=410)


def forum_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST confirms, because mail scanners open every link."""
    payload = _payload(CONFIRM, token, request)
    if isinstance(payload, HttpResponse):
        return payload
    subscriber = Subscriber.objects.filter(
        pk=payload.get("subscriber") or 0, email=payload.get("email")
    ).first()
    if subscriber is None:
        return render(request, "forum/link_invalid.html", status=410)
    if request.method == "POST":
        if confirm_subscription(subscriber.pk, subscriber.email) is None:
            return render(request, "forum/link_invalid.html", status=410)
        return render(
            request, "forum/confirmed.html", {"subscriber": subscriber, "series": subscriber.series}
        )
    return render(request, "forum/confirm.html", {"subscriber": subscriber, "series": subscriber.series})


@csrf_exempt  # the signed token is the authority; RFC 8058 mail clients POST without a CSRF token
def forum_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """No login. GET (the link in the e-mail) shows a button, because mail scanners open every
    link; the POST unsubscribes, from that button or from a mail program's one-click
    unsubscribe (RFC 8058, the List-Unsubscribe header)."""
    payload = _payload(UNSUBSCRIBE, token, request)
    if isinstance(payload, HttpResponse):
        return payload
    series = get_object_or_404(ForumSeries, pk=payload.get("series") or 0)
    email = str(payload.get("email", ""))
    if request.method != "POST":
        return render(request, "forum/unsubscribe.html", {"series": series, "email": email})
    unsubscribe(series, email)
    return render(request, "forum/unsubscribed.html", {"series": series})


@rate_limited(PROPOSE_SCOPE)
def forum_propose(request: HttpRequest, token: str) -> HttpResponse:
    payload = _payload(PROPOSE, token, request)
    if isinstance(payload, HttpResponse):
        return payload
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("series", "meeting"), pk=payload.get("occurrence") or 0
    )
    subscriber = (
        Subscriber.objects.confirmed()
        .filter(pk=payload.get("subscriber") or 0, series=occurrence.series)
        .first()
    )
    if subscriber is None:
        raise Http404
    open_ = accepts_proposals(occurrence, timezone.now())
    form = AgendaProposalForm(request.POST or None)
    if request.method == "POST" and open_ and form.is_valid():
        per_subscriber = ratelimit.try_use(
            PROPOSE_SCOPE,
            str(subscriber.pk),
            settings.AGENDA_PROPOSALS_PER_SUBSCRIBER_PER_DAY,
            window_seconds=ratelimit.DAY,
        )
        per_client = ratelimit.try_use_by_client(PROPOSE_SCOPE, request, settings.SUBMISSIONS_PER_HOUR)
        if not (per_subscriber.allowed and per_client.allowed):
            ratelimit.give_back(per_subscriber)
            ratelimit.give_back(per_client)
            context = {"occurrence": occurrence, "form": form, "open": open_, "series": occurrence.series}
            return render(request, "forum/propose.html", {**context, "limited": True}, status=429)
        try:
            propose_agenda_item(occurrence, subscriber, **form.cleaned_data)
        except AgendaClosed:
            open_ = False
            ratelimit.give_back(per_subscriber)
            ratelimit.give_back(per_client)
        else:
            messages.success(request, _("Thank you! Your proposal has been sent to the business unit."))
            return redirect("forum:propose", token)
    context = {"occurrence": occurrence, "form": form, "open": open_, "series": occurrence.series}
    return render(request, "forum/propose.html", context)


def _minutes_occurrence(request: HttpRequest, token: str) -> Occurrence | HttpResponse:
    payload = _payload(MINUTES, token, request)
    if isinstance(payload, HttpResponse):
        return payload
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("series", "meeting"),
        pk=payload.get("occurrence") or 0,
        minutes_published_at__isnull=False,
    )
    if (
        not Subscriber.objects.confirmed()
        .filter(pk=payload.get("subscriber") or 0, series=occurrence.series)
        .exists()
    ):
        raise Http404
    return occurrence


def forum_minutes(request: HttpRequest, token: str) -> HttpResponse:
    occurrence = _minutes_occurrence(request, token)
    if isinstance(occurrence, HttpResponse):
        return occurrence
    return render(request, "forum/minutes.html", {"occurrence": occurrence, "token": token})


def forum_minutes_file(request: HttpRequest, token: str) -> HttpResponseBase:
    occurrence = _minutes_occurrence(request, token)
    if isinstance(occurrence, HttpResponse):
        return occurrence
    if not occurrence.minutes_file or not occurrence.minutes_file_type:
        raise Http404
    # The checked type and a name of ours, whatever the uploaded file was called.
    extension = MINUTES_TYPES.get(occurrence.minutes_file_type, "bin")
    start = timezone.localtime(occurrence.meeting.start)
    return FileResponse(
        occurrence.minutes_file.open("rb"),
        as_attachment=True,
        filename=f"minutes-{occurrence.series.slug}-{start:%Y-%m-%d}.{extension}",
        content_type=occurrence.minutes_file_type,
    )


def series_calendar_feed(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(ForumSeries, slug=slug)
    occurrences = list(
        series.occurrences.select_related("meeting", "meeting__organizer").order_by("original_start")
    )
    response = HttpResponse(series_calendar(series, occurrences), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{series.slug}.ics"'
    return response
