"""Records the portal keeps about access itself: sign-in attempts, who saw personal data, and
the requests people made about their data."""

from collections.abc import Iterable
from datetime import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.models import PersonalDataSeen
from retention.models import PersonalDataRequest
from retention.registry import Kind


class LoginAttempts(Kind):
    key = "login_attempts"
    label = _("Sign-in attempts")
    rule = _("deleted %(days)s days after the attempt")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        return [
            AccessAttempt.objects.filter(attempt_time__lt=cutoff),
            AccessFailureLog.objects.filter(attempt_time__lt=cutoff),
            AccessLog.objects.filter(attempt_time__lt=cutoff),
        ]


class PersonalDataRecord(Kind):
    key = "personal_data_record"
    label = _("Record of who saw personal data")
    rule = _("deleted %(days)s days after the entry")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        return [PersonalDataSeen.objects.filter(seen_at__lt=cutoff)]


class PersonalDataRequests(Kind):
    key = "personal_data_requests"
    label = _("Access and erasure requests")
    rule = _("deleted %(days)s days after the request")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        return [PersonalDataRequest.objects.filter(created_at__lt=cutoff)]
