from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.webhook_targets import validate_webhook_url


class Scope(models.TextChoices):
    CASES_READ = "cases:read", _("Read cases")
    CASES_WRITE = "cases:write", _("Create and change cases")
    REFERRALS_READ = "referrals:read", _("Read referrals")
    REFERRALS_WRITE = "referrals:write", _("Answer referrals")
    FORUM_READ = "forum:read", _("Read forum meetings")
    COMPANIES_READ = "companies:read", _("Read the company register")
    VISITS_READ = "visits:read", _("Read company visits and their follow-ups")
    VISITS_WRITE = "visits:write", _("Change the status of visit follow-ups")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self, now: object) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class ApiToken(models.Model):
    """A credential for the API. It acts as `user`: a staff member's own account, or the account
    made for an integration (the diarium, say) with the role it was given, so every request is
    judged by the same access rules as that person's pages. Only a hash of the secret is kept."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    # The secret's first characters after "kp_": shown in lists, and how a presented secret
    # finds its row without comparing hashes across the table.
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acts as"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    is_integration = models.BooleanField(
        _("integration"), default=False, help_text=_("The user is the integration's own account.")
    )
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} (kp_{self.prefix}…)"


class WebhookEvent(models.TextChoices):
    CASE_CREATED = "case.created", _("Case created")
    CASE_STATUS_CHANGED = "case.status_changed", _("Case status changed")
    CASE_CLOSED = "case.closed", _("Case closed")
    REFERRAL_ANSWERED = "referral.answered", _("Referral answered")
    VISIT_RECORDED = "visit.recorded", _("Visit recorded")


class WebhookEndpoint(models.Model):
    """A URL an administrator registered to be told of events, with the secret its deliveries
    are signed with."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[validate_webhook_url],
        help_text=_(
            "https, to a public address; an address in the municipality's own network only when "
            "it is in WEBHOOK_ALLOWED_PRIVATE_NETWORKS."
        ),
    )
    secret = models.CharField(_("signing secret"), max_length=100)
    events = models.JSONField(_("events"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Sending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event for one endpoint, stored with the change that caused it and sent afterwards by a
    task (the outbox pattern): a receiver that is slow or down never holds up a page."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    # The case the event is about, so anonymising the case finds its deliveries (a visit's: none).
    case = models.ForeignKey(
        "liaison.Case",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent.choices)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    last_response = models.TextField(_("last response or error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The retry sweep: deliveries due, in api.webhooks.due_deliveries.
            models.Index(
                fields=["next_attempt_at"],
                name="webhook_delivery_due",
                condition=Q(status__in=["pending", "sending"]),
            ),
        ]
