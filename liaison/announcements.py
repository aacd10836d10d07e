"""Signals the liaison app sends for other apps to act on (the feedback app surveys closed cases).

The liaison app never imports the apps that listen; they connect receivers in their own
signals.py.
"""

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _


class CloseOutcome(models.TextChoices):
    """How a case ended, chosen when it is closed. Only a handled case is worth a survey."""

    HANDLED = "handled", _("Handled")
    SPAM = "spam", _("Spam or not a real request")
    UNREACHABLE = "unreachable", _("The contact could not be reached")


# Sent once the transaction that closed a case has committed (never for a rolled-back close).
# Arguments: case_id (int), outcome (a CloseOutcome value).
case_closed = Signal()
