import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from companies.models import Company
from karlshamn_portal.people import typed_name
from liaison.models.topics import Topic

if TYPE_CHECKING:
    from liaison.models.referrals import Referral


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    WAITING = "waiting", _("Waiting for the company")
    IN_PROGRESS = "in_progress", _("In progress at departments")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


# The allowed moves between statuses; every status change goes through Case.can_move_to.
CASE_TRANSITIONS: dict[str, set[str]] = {
    CaseStatus.NEW: {CaseStatus.OPEN, CaseStatus.WAITING, CaseStatus.IN_PROGRESS, CaseStatus.CLOSED},
    CaseStatus.OPEN: {CaseStatus.WAITING, CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED},
    CaseStatus.WAITING: {CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED},
    CaseStatus.IN_PROGRESS: {CaseStatus.OPEN, CaseStatus.WAITING, CaseStatus.RESOLVED, CaseStatus.CLOSED},
    CaseStatus.RESOLVED: {CaseStatus.CLOSED, CaseStatus.OPEN},
    CaseStatus.CLOSED: {CaseStatus.OPEN},  # reopen
}
OPEN_STATUSES = [CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING, CaseStatus.IN_PROGRESS]


class ReferenceCounter(models.Model):
    """The last reference number handed out per year; locked row by row so numbers never repeat."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)


def reference_patterns(text: str) -> tuple[str, str] | None:
    """What a typed partial reference stands for, as the start and the end of a reference:
    "2026-0006" starts NL-2026-0006, "0006" ends NL-…-0006. None unless the text is digits (at
    least three, with dashes, optionally after "NL"), so that words never match references."""
    typed = re.sub(r"\s", "", text).upper().removeprefix("NL").strip("-")
    digits = typed.replace("-", "")
    if not re.fullmatch(r"[\d-]+", typed) or len(digits) < 3:
        return None
    start = f"NL-{digits[:4]}" + (f"-{digits[4:]}" if len(digits) > 4 else "")
    return start, typed


def organisation_number_in(text: str) -> str:
    """The organisationsnummer (NNNNNN-NNNN) a search text is, with or without the century and
    the dash; empty if the text is not one."""
    digits = re.sub(r"\D", "", text)
    if len(digits) not in (10, 12) or re.search(r"[^\d\s+-]", text):
        return ""
    digits = digits[-10:]
    return f"{digits[:6]}-{digits[6:]}"


def _overdue_q(today: date) -> Q:
    return Q(status__in=OPEN_STATUSES, first_responded_at__isnull=True, first_response_due__lt=today)


def first_response_overdue(
    status: str, first_responded_at: datetime | None, first_response_due: date, today: date
) -> bool:
    """CaseQuerySet.overdue's rule on values already read (a case in hand, a dashboard row)."""
    return status in OPEN_STATUSES and first_responded_at is None and first_response_due < today


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> "CaseQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: date) -> "CaseQuerySet":
        """Open cases whose first-response promise passed without a first response."""
        return self.filter(_overdue_q(today))

    def with_overdue_flag(self, today: date) -> "CaseQuerySet":
        return self.annotate(is_overdue=ExpressionWrapper(_overdue_q(today), output_field=BooleanField()))

    def with_status(self, statuses: Sequence[str] | None) -> "CaseQuerySet":
        """Cases in one of `statuses`; None for any status."""
        return self if statuses is None else self.filter(status__in=statuses)

    def about_topic(self, topic_id: int | None) -> "CaseQuerySet":
        return self if topic_id is None else self.filter(topic_id=topic_id)

    def referred_to(self, department_id: int | None) -> "CaseQuerySet":
        """Cases with a referral (in any status) to the department."""
        if department_id is None:
            return self
        from liaison.models.referrals import Referral

        return self.filter(Exists(Referral.objects.filter(case=OuterRef("pk"), department_id=department_id)))

    def referred_to_official(self, official_id: int | None) -> "CaseQuerySet":
        """Cases with a referral naming the official as its handling official."""
        if official_id is None:
            return self
        from liaison.models.referrals import Referral

        return self.filter(Exists(Referral.objects.filter(case=OuterRef("pk"), official_id=official_id)))

    def owned_by(self, owner_id: int | None) -> "CaseQuerySet":
        return self if owner_id is None else self.filter(owner_id=owner_id)

    def unassigned(self) -> "CaseQuerySet":
        return self.filter(owner__isnull=True)

    def search(self, text: str) -> "CaseQuerySet":
        """Cases whose reference starts or ends with the typed digits, whose company's name (the
        record's or the one the submitter typed) contains the text or whose organisationsnummer
        it is, or with the text in the subject or description. Portable and unindexed: on PostgreSQL the dashboard finds the same cases
        through its indexes with liaison.queries.search_case_ids."""
        text = text.strip()
        if not text:
            return self
        condition = (
            Q(subject__icontains=text)
            | Q(description__icontains=text)
            | Q(company__name__icontains=text)
            | Q(submitted_company_name__icontains=text)
            | Q(diarium_number=text)
        )
        number = organisation_number_in(text)
        if number:
            condition |= Q(company__organisation_number=number)
        patterns = reference_patterns(text)
        if patterns:
            condition |= Q(reference__startswith=patterns[0]) | Q(reference__endswith=patterns[1])
        return self.filter(condition)

    def with_row_details(self) -> "CaseQuerySet":
        """What a dashboard row shows (liaison.rows.DashboardRow): the company, topic and owner
        in the same query, the referrals with their departments in one more, as the list
        `listed_referrals` (a plain list: the prefetch then builds no queryset for each case)."""
        from liaison.models.referrals import Referral

        referrals = Referral.objects.select_related("department").order_by("created_at", "id")
        return self.select_related("company", "topic", "owner").prefetch_related(
            Prefetch("referrals", queryset=referrals, to_attr="listed_referrals")
        )

    def visible_to_official(self, user: object) -> "CaseQuerySet":
        """Cases referred to one of the official's departments. A declined referral gives no
        access: the department said the case is not theirs, so the company's details stay out."""
        from liaison.models.referrals import Referral

        return self.filter(Exists(Referral.objects.visible_to_official(user).filter(case=OuterRef("pk"))))


class Case(models.Model):
    """One company request and everything that happens to it (ärende)."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="cases"
    )
    # The name the submitter typed. A known organisationsnummer links the case to the company we
    # already have, whose (perhaps corrected) name may differ: the company is shown what it sent,
    # never our record, and the liaison officer sees both.
    submitted_company_name = models.CharField(_("company name as submitted"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_email = models.EmailField(_("e-mail"), max_length=254)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, default="sv")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="cases", null=True, blank=True
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("liaison officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_cases",
    )
    created_at = models.DateTimeField(_("received"))
    first_response_due = models.DateField(_("first response due"))
    first_responded_at = models.DateTimeField(_("first response"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The private link expires after a period without activity from the company.
    company_active_at = models.DateTimeField(_("last company activity"))
    # The number the municipality's case system (the diarium) gave the case, set by that system
    # through the API or by a liaison officer; empty until it is registered there.
    diarium_number = models.CharField(_("diarium number"), max_length=50, blank=True)
    # Set when the retention plan anonymised the closed case: the company, the dates, the
    # departments and the statuses stay; the contact, the texts and the files are gone.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()
    # The referrals in the order a dashboard row lists them, on cases read with
    # CaseQuerySet.with_row_details() only.
    listed_referrals: list["Referral"]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The dashboard's keyset pages over all cases, newest or oldest first.
            models.Index(fields=["created_at", "id"], name="case_received"),
            # The dashboard's default list, Case.objects.open() by received time, and its counts.
            models.Index(
                fields=["created_at", "id"], name="case_open_queue", condition=Q(status__in=OPEN_STATUSES)
            ),
            # Case.objects.overdue(today) and the dashboard's open cases sorted by due date.
            models.Index(
                fields=["first_response_due", "id"],
                name="case_open_by_due",
                condition=Q(status__in=OPEN_STATUSES),
            ),
            # The retention plan's closed cases not yet anonymised, by closing time.
            models.Index(
                fields=["closed_at"],
                name="case_closed_not_anonymised",
                condition=Q(status="closed", anonymised_at__isnull=True),
            ),
            # CaseQuerySet.search's exact match on the diarium number, and the API's filter.
            models.Index(
                fields=["diarium_number"], name="case_diarium_number", condition=~Q(diarium_number="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def subject_in_emails(self) -> str:
        """The subject as the e-mails to the company quote it, without web or mail addresses:
        anyone can type any address into the form and have the municipality send their text
        there ("Your account is locked, log in at …"). The case page shows it as typed."""
        return typed_name(self.subject)

    @property
    def company_name_as_sent(self) -> str:
        # Empty only on a row made without the form (a seeded case): the company's name stands in.
        return self.submitted_company_name or self.company.name

    @property
    def company_name_differs(self) -> bool:
        return self.company_name_as_sent.strip().casefold() != self.company.name.strip().casefold()

    @property
    def company_registered_as(self) -> str:
        """The company record's name where the submitter typed another one, else ""."""
        return self.company.name if self.company_name_differs else ""

    def can_move_to(self, status: str) -> bool:
        # An anonymised case stays closed: reopened, it would gather new personal data on a
        # record the retention plan has emptied.
        return self.anonymised_at is None and status in CASE_TRANSITIONS[self.status]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_first_response_overdue(self, today: date) -> bool:
        """The rule of CaseQuerySet.overdue for a case already in hand, without asking again."""
        return first_response_overdue(self.status, self.first_responded_at, self.first_response_due, today)
