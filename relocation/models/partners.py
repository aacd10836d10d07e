"""The accompanying partner (medflyttare): what they told the host, what they chose to share, and
where the host's work with them stands."""

import uuid
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q, Value, When
from django.db.models import Case as CaseWhen
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PartnerStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_CONTACT = "in_contact", _("In contact")
    MATCHED = "matched", _("Matched to work")
    SETTLED = "settled", _("Settled")
    CLOSED = "closed", _("Closed")


# Any open status may move to any other; a closed partner can only be reopened (in contact).
PARTNER_TRANSITIONS: dict[str, set[str]] = {
    PartnerStatus.NEW: {
        PartnerStatus.IN_CONTACT,
        PartnerStatus.MATCHED,
        PartnerStatus.SETTLED,
        PartnerStatus.CLOSED,
    },
    PartnerStatus.IN_CONTACT: {PartnerStatus.MATCHED, PartnerStatus.SETTLED, PartnerStatus.CLOSED},
    PartnerStatus.MATCHED: {PartnerStatus.IN_CONTACT, PartnerStatus.SETTLED, PartnerStatus.CLOSED},
    PartnerStatus.SETTLED: {PartnerStatus.IN_CONTACT, PartnerStatus.MATCHED, PartnerStatus.CLOSED},
    PartnerStatus.CLOSED: {PartnerStatus.IN_CONTACT},
}
OPEN_STATUSES = [PartnerStatus.NEW, PartnerStatus.IN_CONTACT, PartnerStatus.MATCHED, PartnerStatus.SETTLED]


class ContactWay(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    MEETING = "meeting", _("A meeting in person")


class WorkExtent(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    EITHER = "either", _("Full or part time")
    NOT_NOW = "not_now", _("Not looking for work now")


class PartnerLanguage(models.TextChoices):
    SWEDISH = "sv", "Svenska"
    ENGLISH = "en", "English"


def _overdue_q(today: date) -> Q:
    return Q(status=PartnerStatus.NEW, first_contact_at__isnull=True, first_contact_due__lt=today)


class PartnerQuerySet(models.QuerySet["Partner"]):
    def open(self) -> "PartnerQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: date) -> "PartnerQuerySet":
        """New partners nobody has contacted within the promised working days."""
        return self.filter(_overdue_q(today))

    def shared_with_network(self) -> "PartnerQuerySet":
        """Profiles network employers may see: consent (a) given, profile filled in, not closed."""
        return self.filter(consent_network=True, profile_completed_at__isnull=False).exclude(
            status=PartnerStatus.CLOSED
        )

    def consenting_to_activities(self) -> "PartnerQuerySet":
        return self.filter(consent_activities=True).exclude(status=PartnerStatus.CLOSED)

    def due_for_deletion(self, now: datetime) -> "PartnerQuerySet":
        return self.filter(status=PartnerStatus.CLOSED, delete_after__lte=now)

    def queue_order(self, today: date) -> "PartnerQuerySet":
        """Overdue first contact first, then new, then the rest; oldest first within each."""
        return self.annotate(
            is_overdue=ExpressionWrapper(_overdue_q(today), output_field=BooleanField()),
            queue_rank=CaseWhen(
                When(_overdue_q(today), then=Value(0)),
                When(status=PartnerStatus.NEW, then=Value(1)),
                When(status=PartnerStatus.CLOSED, then=Value(3)),
                default=Value(2),
            ),
        ).order_by("queue_rank", "created_at", "id")


def new_link_key() -> str:
    return uuid.uuid4().hex


class Partner(models.Model):
    """One accompanying partner. No personnummer: many have none yet."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    # In every private link: a link made for a deleted partner never opens a later one.
    link_key = models.CharField(max_length=32, default=new_link_key, editable=False)
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_way = models.CharField(
        _("preferred way to be contacted"),
        max_length=10,
        choices=ContactWay.choices,
        default=ContactWay.EMAIL,
    )
    language = models.CharField(
        _("language"), max_length=2, choices=PartnerLanguage.choices, default=PartnerLanguage.SWEDISH
    )
    arrival = models.DateField(_("arrival"), null=True, blank=True)
    moving_from = models.CharField(_("moving from"), max_length=150, blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    profession = models.CharField(_("profession"), max_length=200, blank=True)
    education = models.TextField(_("education"), blank=True)
    work_industry = models.CharField(_("industry of the work sought"), max_length=200, blank=True)
    work_extent = models.CharField(
        _("extent of the work sought"), max_length=10, choices=WorkExtent.choices, blank=True
    )
    needs_housing = models.BooleanField(_("housing"), default=False)
    needs_school = models.BooleanField(_("preschool or school"), default=False)
    children_ages = models.CharField(_("children's ages"), max_length=100, blank=True)
    needs_swedish_course = models.BooleanField(_("Swedish courses"), default=False)
    needs_leisure = models.BooleanField(_("associations and leisure"), default=False)
    needs_healthcare = models.BooleanField(_("healthcare registration"), default=False)
    other_needs = models.TextField(_("anything else"), blank=True)
    # Consent (a): network employers see the profile, without contact details.
    consent_network = models.BooleanField(_("network employers may see my profile"), default=False)
    consent_network_at = models.DateTimeField(null=True, blank=True)
    # Consent (b): invitations to activities for newcomers.
    consent_activities = models.BooleanField(_("invite me to activities for newcomers"), default=False)
    consent_activities_at = models.DateTimeField(null=True, blank=True)
    # From the employer's invitation: the recruit's role and start date.
    recruit_role = models.CharField(_("the recruit's role"), max_length=150, blank=True)
    recruit_start = models.DateField(_("the recruit's start date"), null=True, blank=True)
    invited_by = models.ForeignKey(
        "relocation.NetworkEmployer",
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invited_partners",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PartnerStatus.choices, default=PartnerStatus.NEW
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_partners",
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    # Empty for an invited partner until they have filled in the form themselves.
    profile_completed_at = models.DateTimeField(null=True, blank=True)
    first_contact_due = models.DateField(_("first contact due"))
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    delete_after = models.DateTimeField(_("data deleted after"), null=True, blank=True)
    # Visits closer together than an hour do not rewrite it; a private link expires after
    # RELOCATION_LINK_INACTIVITY_DAYS without one.
    active_at = models.DateTimeField(default=timezone.now)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["created_at", "id"]
        constraints = [
            # One profile per address, whoever invites it or however it is typed.
            models.UniqueConstraint(Lower("email"), name="one_partner_per_email"),
        ]
        indexes = [
            # The retention scan: Partner.objects.due_for_deletion(now).
            models.Index(
                fields=["delete_after"], name="partner_closed_delete_after", condition=Q(status="closed")
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def can_move_to(self, status: str) -> bool:
        return status in PARTNER_TRANSITIONS[self.status]

    @property
    def is_closed(self) -> bool:
        return self.status == PartnerStatus.CLOSED

    @property
    def needs(self) -> list[str]:
        """The help asked for, in the page's language."""
        return [str(label) for flag, label in NEED_LABELS.items() if getattr(self, flag)]


NEED_LABELS = {
    "needs_housing": _("housing"),
    "needs_school": _("preschool or school"),
    "needs_swedish_course": _("Swedish courses"),
    "needs_leisure": _("associations and leisure"),
    "needs_healthcare": _("healthcare registration"),
}


class PartnerEventKind(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    INVITED = "invited", _("Invited by a network employer")
    PROFILE_UPDATED = "profile_updated", _("Profile updated by the partner")
    CONSENT_CHANGED = "consent_changed", _("Consent changed")
    CONTACT = "contact", _("Contact")
    NOTE = "note", _("Note")
    STATUS_CHANGED = "status_changed", _("Status changed")
    HOST_CHANGED = "host_changed", _("Host changed")
    REFERRED = "referred", _("Referred to a department")
    REFERRAL_ANSWERED = "referral_answered", _("Referral answered")
    INTRODUCED = "introduced", _("Introduced to an employer")
    INTRODUCTION_ANSWERED = "introduction_answered", _("Introduction answered")
    CONTACT_ENDED = "contact_ended", _("Contact with an employer ended by the partner")
    ACTIVITY_INVITED = "activity_invited", _("Invited to an activity")


class PartnerEvent(models.Model):
    """One line of the host's timeline for a partner; deleted with the partner."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=PartnerEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.kind}"
