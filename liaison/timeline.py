"""A case's timeline as the reader sees it: each event's stored values (kind, who, when, data)
put into words in the reader's language when the page is drawn, never when the event is saved.

The services store in `CaseEvent.data` (besides `text`, what a person wrote):
- status and referral changes: "from", "to" (status values);
- topic changes: "from", "to" (Swedish names) and "from_en", "to_en";
- assignments: "from", "to" (the liaison officers' names);
- referral events: "department" (the Swedish name, for a referral since removed);
- meeting events: "meeting", "title", "start", "end", "place", "online_url" and, for a moved
  meeting, "previous_start"; for an answer, "name" and "answer".
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from karlshamn_portal.language import page_in_english
from liaison.models import CaseEvent, CaseStatus, EventKind, ReferralStatus
from liaison.models.events import MEETING_KINDS, REFERRAL_KINDS
from meetings.models import Answer


@dataclass(frozen=True)
class TimelineEntry:
    pk: int
    created_at: datetime
    who: str  # empty: the portal itself
    is_public: bool
    title: str
    department: str
    summary: str  # what changed, in words; empty when the title says it all
    text: str  # what a person wrote


def _status_label(kind: str, value: Any) -> str:
    labels = ReferralStatus if kind in REFERRAL_KINDS else CaseStatus
    return str(labels(value).label) if value in labels.values else str(value or "")


def _when(start: str, end: str = "") -> str:
    local = timezone.localtime(datetime.fromisoformat(start))
    when = f"{date_format(local, 'l j F Y')} {local:%H:%M}"
    if end:
        when += f"–{timezone.localtime(datetime.fromisoformat(end)):%H:%M}"
    return when


def _meeting_summary(event: CaseEvent) -> str:
    data = event.data
    if event.kind == EventKind.MEETING_ANSWER:
        answer = data.get("answer", "")
        label = Answer(answer).label if answer in Answer.values else answer
        return f"{data.get('name') or event.actor_name}: {label}"
    if "start" not in data:
        return ""
    place = ", ".join(part for part in (data.get("place"), data.get("online_url")) if part)
    summary = f"{data.get('title', '')}: {_when(data['start'], data.get('end', ''))}"
    summary += f", {place}" if place else ""
    if data.get("previous_start"):
        summary += " (" + _("before: %(when)s") % {"when": _when(data["previous_start"])} + ")"
    return summary


def event_summary(event: CaseEvent) -> str:
    """What the event changed, in the current language; empty when its title says it all."""
    data = event.data or {}
    if event.kind in MEETING_KINDS:
        return _meeting_summary(event)
    if event.kind == EventKind.ASSIGNED:
        if data.get("to"):
            return _("assigned to %(name)s") % {"name": data["to"]}
        return _("no liaison officer (was %(name)s)") % {"name": data.get("from") or "–"}
    if event.kind == EventKind.TOPIC_CHANGED:
        english = page_in_english()
        before = (data.get("from_en") if english else None) or data.get("from") or _("no topic")
        after = (data.get("to_en") if english else None) or data.get("to") or _("no topic")
        return f"{before} → {after}"
    if "to" in data:
        before = _status_label(event.kind, data.get("from"))
        after = _status_label(event.kind, data.get("to"))
        return f"{before} → {after}" if before else after
    return ""


def _department(event: CaseEvent) -> str:
    if event.referral_id and event.referral is not None:
        return event.referral.department.name
    return (event.data or {}).get("department", "")


def timeline_entries(events: Iterable[CaseEvent]) -> list[TimelineEntry]:
    """The entries of events read with their actor and their referral's department."""
    return [
        TimelineEntry(
            pk=event.pk,
            created_at=event.created_at,
            who=(event.actor.get_full_name() if event.actor else "") or event.actor_name,
            is_public=event.is_public,
            title=str(event.get_kind_display()),
            department=_department(event),
            summary=event_summary(event),
            text=event.text,
        )
        for event in events
    ]
