"""Company visits: planned as a meeting (meetings app), then recorded by the business developer."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from companies.models.companies import Company
from companies.models.contacts import Contact
from companies.models.focus import FocusArea
from karlshamn_portal.roles import User, can_use_register, is_official
from meetings.models import Meeting


class VisitStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("visit status", "Planned")
    HELD = "held", pgettext_lazy("visit status", "Held")
    CANCELLED = "cancelled", pgettext_lazy("visit status", "Cancelled")


# Recording a visit closes it; a recorded visit is not reopened (record a new one instead).
VISIT_TRANSITIONS: dict[str, set[str]] = {
    VisitStatus.PLANNED: {VisitStatus.HELD, VisitStatus.CANCELLED},
    VisitStatus.HELD: set(),
    VisitStatus.CANCELLED: set(),
}


# The flags a visit can raise, by field name, as the record form and the lists label them.
VISIT_FLAGS = {
    "flag_expansion": _("expansion plans"),
    "flag_risk_of_leaving": _("risk of moving or closing"),
    "flag_skills_shortage": _("skills shortage"),
    "flag_needs_premises": _("needs premises or land"),
    "flag_other": _("other concern"),
}


class VisitQuerySet(models.QuerySet["Visit"]):
    def held(self) -> "VisitQuerySet":
        return self.filter(status=VisitStatus.HELD)

    def planned(self) -> "VisitQuerySet":
        return self.filter(status=VisitStatus.PLANNED)

    def upcoming(self, now: datetime) -> "VisitQuerySet":
        return self.planned().filter(meeting__end__gt=now)

    def next_upcoming(self, now: datetime, limit: int) -> list["Visit"]:
        """The next `limit` planned visits, soonest first, with their company and meeting: chosen
        on the visit and meeting rows alone, so only those read their company."""
        soonest = self.upcoming(now).order_by("meeting__start", "pk").values("pk")[:limit]
        return list(self.filter(pk__in=soonest).with_meeting().order_by("meeting__start", "pk"))

    def not_followed_up(self) -> "VisitQuerySet":
        """Held visits whose e-mail to the company has not gone out."""
        return self.held().filter(followed_up_at__isnull=True)

    def visible_to(self, user: User) -> "VisitQuerySet":
        """The visits `user` may read: all of them for business developers and liaison officers,
        the ones they are invited to (through the visit's meeting) for officials, none for anyone
        else. The notes are another matter: officials never read them (the views leave them out)."""
        if can_use_register(user):
            return self.all()
        if is_official(user):
            return self.filter(meeting__invitations__user=user).distinct()
        return self.none()

    def with_meeting(self) -> "VisitQuerySet":
        return self.select_related("company", "meeting", "contact")


class Visit(models.Model):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="visits")
    # The meeting that carries the time, place, invitations and reminders; it knows nothing of visits.
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="visit")
    # The company's person invited to the visit, who gets the follow-up e-mails.
    contact = models.ForeignKey(
        Contact, verbose_name=_("company contact"), on_delete=models.SET_NULL, null=True, blank=True
    )
    purpose = models.TextField(_("purpose"))
    status = models.CharField(
        _("status"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="planned_visits",
    )
    # The record, written after the visit.
    what_works = models.TextField(_("what works well"), blank=True)
    what_does_not_work = models.TextField(_("what does not work"), blank=True)
    plans = models.TextField(_("the company's plans"), blank=True)
    worries = models.TextField(_("the company's worries"), blank=True)
    flag_expansion = models.BooleanField(VISIT_FLAGS["flag_expansion"], default=False)
    flag_risk_of_leaving = models.BooleanField(VISIT_FLAGS["flag_risk_of_leaving"], default=False)
    flag_skills_shortage = models.BooleanField(VISIT_FLAGS["flag_skills_shortage"], default=False)
    flag_needs_premises = models.BooleanField(VISIT_FLAGS["flag_needs_premises"], default=False)
    flag_other = models.BooleanField(VISIT_FLAGS["flag_other"], default=False)
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), blank=True, related_name="visits"
    )
    internal_notes = models.TextField(_("internal notes"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recorded_visits",
    )
    # When the e-mail telling the company what the municipality will do went out: a visit is
    # "followed up" only then.
    followed_up_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-created_at", "-id"]
        indexes = [
            # Coverage and the company page: a company's held visits.
            models.Index(fields=["company", "status"], name="visit_company_status"),
            # The start page's upcoming visits: the planned ones are few beside those recorded.
            models.Index(fields=["meeting"], name="visit_planned", condition=Q(status="planned")),
            # "Not followed up" (Visit.objects.not_followed_up()), those recorded longest ago
            # first on the start page.
            models.Index(
                fields=["recorded_at", "id"],
                name="visit_not_followed_up",
                condition=Q(status="held", followed_up_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company}: {self.meeting.start:%Y-%m-%d}"

    @property
    def flags(self) -> list[str]:
        """The labels of the flags set, for lists and the company page."""
        return [str(label) for name, label in VISIT_FLAGS.items() if getattr(self, name)]

    @property
    def is_followed_up(self) -> bool:
        return self.followed_up_at is not None

    def can_be_moved(self, now: datetime) -> bool:
        """Moved or cancelled from its page: a planned visit whose meeting is neither over nor
        cancelled. One that is over is recorded instead, as held or as not held."""
        return self.status == VisitStatus.PLANNED and self.meeting.is_open_for_answers(now)
