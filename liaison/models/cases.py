import re
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.expressions import Expression
from django.utils.translation import gettext_lazy as _

from liaison.models.companies import Company
from liaison.models.topics import Topic


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


class FullTextMatch(Expression):
    """PostgreSQL: the case's full-text document matches a prefix tsquery. The document is a
    stored column PostgreSQL computes from the subject and description, GIN-indexed (migration
    0006_case_search_document); not a model field, so SQLite, which has no such column, never
    selects it. Written against the alias the case table has in the query being compiled, so
    the condition stays on the right table when the queryset becomes a subquery (as the
    dashboard's page query does)."""

    output_field = BooleanField()

    def __init__(self, tsquery: str) -> None:
        super().__init__()
        self.tsquery = tsquery

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str, ...]]:
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.\"search_document\" @@ to_tsquery('swedish'::regconfig, %s)", (self.tsquery,)


class CompanyAmong(Expression):
    """The case's company is one of those `companies` selects (a queryset of ids), looked up in
    the same query. On PostgreSQL as `= ANY(ARRAY(…))`: the list is made once, before the scan, so
    the company index can serve this branch of an OR beside the others (an IN subquery would be
    checked row by row)."""

    output_field = BooleanField()

    def __init__(self, companies: models.QuerySet[Any]) -> None:
        super().__init__()
        self.companies = companies

    def _parts(self, compiler: Any, connection: Any) -> tuple[str, str, tuple[Any, ...]]:
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        sql, params = self.companies.query.get_compiler(connection=connection).as_sql()
        return f'{table}."company_id"', sql, tuple(params)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        column, companies, params = self._parts(compiler, connection)
        return f"{column} = ANY(ARRAY({companies}))", params

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        column, companies, params = self._parts(compiler, connection)
        return f"{column} IN ({companies})", params


def prefix_tsquery(text: str) -> str:
    """Every word of `text` as a prefix, all required: "hamn bag" finds "Hamnens Bageri".
    Only letters and digits pass, so nothing the user types can break the tsquery syntax."""
    return " & ".join(f"{word}:*" for word in re.findall(r"\w+", text)[:8])


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

    def search(self, text: str, companies: models.QuerySet[Any]) -> "CaseQuerySet":
        """Cases matching `text` in reference, subject or description, or belonging to one of
        `companies` (the ids of the companies whose name or organisationsnummer matched, listed
        before the scan so every branch of the OR can use its own index). On PostgreSQL the words
        are matched through the GIN index on the stored full-text document."""
        text = text.strip()
        if not text:
            return self
        condition = Q(reference=text.upper()) | Q(CompanyAmong(companies))
        if settings.USES_POSTGRESQL:
            query = prefix_tsquery(text)
            if query:
                condition |= Q(FullTextMatch(query))
        else:
            condition |= Q(subject__icontains=text) | Q(description__icontains=text)
        return self.filter(condition)

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

    objects = CaseQuerySet.as_manager()

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
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def company_name_as_sent(self) -> str:
        # Empty only on a row made without the form (a seeded case): the company's name stands in.
        return self.submitted_company_name or self.company.name

    @property
    def company_name_differs(self) -> bool:
        return self.company_name_as_sent.strip().casefold() != self.company.name.strip().casefold()

    def can_move_to(self, status: str) -> bool:
        return status in CASE_TRANSITIONS[self.status]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_first_response_overdue(self, today: date) -> bool:
        """The rule of CaseQuerySet.overdue for a case already in hand, without asking again."""
        return first_response_overdue(self.status, self.first_responded_at, self.first_response_due, today)
