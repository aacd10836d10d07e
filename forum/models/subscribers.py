from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubscriberStatus(models.TextChoices):
    # pending -> confirmed (the e-mailed link) -> unsubscribed (one click); subscribing again
    # after unsubscribing starts over at pending.
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def confirmed(self) -> "SubscriberQuerySet":
        return self.filter(status=SubscriberStatus.CONFIRMED)


class Subscriber(models.Model):
    """A company contact who subscribed to a forum series on the public page."""

    series = models.ForeignKey("forum.ForumSeries", on_delete=models.CASCADE, related_name="subscribers")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    company_name = models.CharField(_("company"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    language = models.CharField(_("language"), max_length=8, default="sv")
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now)
    # When the last confirmation mail was queued: a fresh one is not sent again.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["company_name", "name"]
        constraints = [models.UniqueConstraint(fields=["series", "email"], name="one_subscription_per_email")]

    def __str__(self) -> str:
        return f"{self.name} ({self.company_name})"
