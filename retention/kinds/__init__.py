"""The kinds of data the retention app itself clears (see retention/registry.py)."""

from retention import registry
from retention.kinds.cases import ClosedCaseAttachments, ClosedCases
from retention.kinds.companies import CompanyContacts
from retention.kinds.forum import UnconfirmedForumSubscriptions, UnsubscribedForumAddresses
from retention.kinds.outbox import FailedEmails, SentEmailBodies
from retention.kinds.records import LoginAttempts, PersonalDataRecord, PersonalDataRequests
from retention.kinds.webhooks import WebhookDeliveries


def register_all() -> None:
    for kind in (
        ClosedCases(),
        ClosedCaseAttachments(),
        SentEmailBodies(),
        FailedEmails(),
        WebhookDeliveries(),
        UnconfirmedForumSubscriptions(),
        UnsubscribedForumAddresses(),
        LoginAttempts(),
        CompanyContacts(),
        PersonalDataRecord(),
        PersonalDataRequests(),
    ):
        registry.register(kind)
