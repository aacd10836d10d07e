"""A company's one timeline: cases, visits, follow-ups, coordinated meetings and forum attendance.

Plain rows for the template, newest first; each kind read in one query.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext as _

from companies.models import Company, FollowUp, Visit
from liaison.models import Case, CaseMeeting
from liaison.working_days import STOCKHOLM
from meetings.models import Invitation


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # what the entry is, in words
    title: str
    status: str
    url: str = ""
    is_overdue: bool = False


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=STOCKHOLM)


def company_timeline(company: Company, today: date, *, case_links: bool) -> list[TimelineEntry]:
    """Every entry of the company, newest first; links to cases only for those who may open them."""
    entries: list[TimelineEntry] = []
    for case in Case.objects.filter(company=company).only("reference", "subject", "status", "created_at"):
        entries.append(
            TimelineEntry(
                case.created_at,
                _("Case"),
                f"{case.reference}: {case.subject}",
                case.get_status_display(),
                reverse("case-detail", args=[case.reference]) if case_links else "",
            )
        )
    for visit in Visit.objects.filter(company=company).select_related("meeting"):
        entries.append(
            TimelineEntry(
                visit.meeting.start,
                _("Visit"),
                visit.purpose.splitlines()[0] if visit.purpose else "",
                visit.get_status_display(),
                reverse("companies:visit", args=[visit.pk]),
            )
        )
    for follow_up in FollowUp.objects.filter(visit__company=company):
        entries.append(
            TimelineEntry(
                _day_start(follow_up.due_on),
                _("Follow-up"),
                follow_up.text,
                follow_up.get_status_display(),
                reverse("companies:visit", args=[follow_up.visit_id]),
                follow_up.is_overdue(today),
            )
        )
    for case_meeting in CaseMeeting.objects.filter(case__company=company).select_related("meeting", "case"):
        entries.append(
            TimelineEntry(
                case_meeting.meeting.start,
                _("Coordinated meeting"),
                case_meeting.meeting.title,
                case_meeting.meeting.get_status_display(),
                reverse("case-detail", args=[case_meeting.case.reference]) if case_links else "",
            )
        )
    addresses = company.contacts.exclude(email="").annotate(address=Lower("email")).values("address")
    forum = (
        Invitation.objects.annotate(address=Lower("email"))
        .filter(address__in=addresses, meeting__forum_occurrence__isnull=False)
        .select_related("meeting")
    )
    for invitation in forum:
        entries.append(
            TimelineEntry(
                invitation.meeting.start,
                _("Business forum"),
                f"{invitation.meeting.title} ({invitation.name})",
                invitation.get_answer_display(),
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
