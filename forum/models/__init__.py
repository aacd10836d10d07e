from forum.models.agenda import AgendaItem, AgendaItemStatus
from forum.models.mailings import MinutesMailing
from forum.models.occurrences import Occurrence, OccurrenceQuerySet, WaitingListEntry
from forum.models.series import ForumSeries
from forum.models.subscribers import Subscriber, SubscriberQuerySet, SubscriberStatus

__all__ = [
    "AgendaItem",
    "AgendaItemStatus",
    "ForumSeries",
    "MinutesMailing",
    "Occurrence",
    "OccurrenceQuerySet",
    "Subscriber",
    "SubscriberQuerySet",
    "SubscriberStatus",
    "WaitingListEntry",
]
