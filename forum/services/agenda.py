"""Agenda items, the published agenda, attendance and minutes of one forum meeting."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forum.links import PROPOSE, forum_link, unsubscribe_headers, unsubscribe_link
from forum.models import AgendaItem, AgendaItemStatus, MinutesMailing, Occurrence, Subscriber
from forum.services.mailings import start_minutes_mailing
from meetings.models import Invitation, Meeting

if TYPE_CHECKING:
    from forum.forms import CheckedMinutesFile


class AgendaClosed(Exception):
    """Proposals for this meeting are no longer taken (deadline passed or meeting cancelled)."""


def accepts_proposals(occurrence: Occurrence, now: datetime) -> bool:
    return (
        not occurrence.is_cancelled
        and occurrence.agenda_published_at is None
        and now < occurrence.agenda_deadline()
    )


@transaction.atomic
def propose_agenda_item(
    occurrence: Occurrence, subscriber: Subscriber | None, *, title: str, description: str
) -> AgendaItem:
    occurrence = Occurrence.objects.select_related("meeting", "series").get(pk=occurrence.pk)
    if not accepts_proposals(occurrence, timezone.now()):
        raise AgendaClosed
    return AgendaItem.objects.create(
        occurrence=occurrence, subscriber=subscriber, title=title, description=description
    )


@transaction.atomic
def decide_agenda_item(item: AgendaItem, status: str) -> AgendaItem:
    if status not in AgendaItemStatus.values:
        raise ValueError(status)
    item.status = status
    if status == AgendaItemStatus.ACCEPTED and not item.position:
        last = item.occurrence.agenda_items.filter(status=AgendaItemStatus.ACCEPTED).order_by("-position")
        item.position = (last.values_list("position", flat=True).first() or 0) + 1
    item.save(update_fields=["status", "position"])
    return item


@transaction.atomic
def move_agenda_item(item: AgendaItem, direction: int) -> None:
    """Swap an accepted item with its neighbour above (-1) or below (+1)."""
    items = list(
        item.occurrence.agenda_items.filter(status=AgendaItemStatus.ACCEPTED).order_by("position", "pk")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


def agenda_text(occurrence: Occurrence) -> str:
    items = occurrence.agenda_items.filter(status=AgendaItemStatus.ACCEPTED).order_by("position", "pk")
    return "\n".join(f"{number}. {item.title}" for number, item in enumerate(items, start=1))


@transaction.atomic
def publish_agenda(occurrence: Occurrence) -> None:
    """Publish the accepted items in their order: on the public page at once, and by e-mail with
    the last reminder before the meeting."""
    Occurrence.objects.filter(pk=occurrence.pk).update(agenda_published_at=timezone.now())
    occurrence.refresh_from_db(fields=["agenda_published_at"])


def _waiting_list_section(occurrence: Occurrence, invitation: Invitation) -> list[dict[str, str]]:
    """A reminder to someone still waiting for a seat must not read as if they had one."""
    waiting = list(occurrence.waiting_list.values_list("invitation_id", flat=True))
    if invitation.pk not in waiting:
        return []
    with translation.override(invitation.language):
        text = _(
            "You are number %(position)s on the waiting list: the meeting is full. We will e-mail you "
            "as soon as a seat becomes free."
        ) % {"position": waiting.index(invitation.pk) + 1}
        return [{"heading": _("Waiting list"), "text": text}]


def email_additions(
    kind: str, invitation: Invitation, meeting: Meeting, *, is_last_reminder: bool, batch: Any = None
) -> dict[str, Any] | None:
    """What a meeting e-mail about a forum occurrence adds (the meetings email_context signal).

    `batch` (meetings.services.mail.MailBatch) holds every invitation mailed together: the
    occurrence and the subscribers among them are looked up once for all of them.
    """
    memo = batch.memo if batch else {}
    facts = _batch_facts(meeting, batch.invitations if batch else [invitation], memo)
    if facts is None:
        return None
    occurrence, subscribers = facts
    series = occurrence.series
    sections, links = [], []
    # The receiver runs before the e-mail is rendered in the invitee's language.
    propose_label, unsubscribe_label = _labels(occurrence, invitation.language, memo)
    if is_last_reminder and occurrence.agenda_published_at:
        with translation.override(invitation.language):
            sections.append({"heading": _("Agenda"), "text": agenda_text(occurrence)})
    if kind == "meeting_reminder":
        sections += _waiting_list_section(occurrence, invitation)
    subscriber_id = subscribers.get(invitation.email.lower())
    open_for_proposals = kind != "meeting_cancelled" and accepts_proposals(occurrence, timezone.now())
    if subscriber_id is not None and open_for_proposals:
        links.append(
            {
                "label": propose_label,
                "url": forum_link(PROPOSE, occurrence=occurrence.pk, subscriber=subscriber_id),
            }
        )
    unsubscribe = unsubscribe_link(series.pk, invitation.email)
    links.append({"label": unsubscribe_label, "url": unsubscribe})
    return {
        "sections": sections,
        "footer_links": links,
        "headers": unsubscribe_headers(series.pk, invitation.email, unsubscribe),
    }


def _labels(occurrence: Occurrence, language: str, memo: dict[Any, Any]) -> tuple[str, str]:
    """The two footer links' labels in `language`, once per batch and language."""
    key = ("forum-labels", occurrence.pk, language)
    if key not in memo:
        with translation.override(language):
            deadline = date_format(timezone.localtime(occurrence.agenda_deadline()), "j F H:i")
            memo[key] = (
                _("Propose a topic for the agenda (until %(deadline)s)") % {"deadline": deadline},
                _("Unsubscribe with one click"),
            )
    return memo[key]


def _batch_facts(
    meeting: Meeting, invitations: Sequence[Invitation], memo: dict[Any, Any]
) -> tuple[Occurrence, dict[str, int]] | None:
    """The meeting's occurrence, and the confirmed subscribers among `invitations` by lower-case
    address; two queries per batch of e-mails, kept in the batch's memo."""
    key = ("forum", meeting.pk)
    if key not in memo:
        occurrence = Occurrence.objects.select_related("series").filter(meeting_id=meeting.pk).first()
        subscribers: dict[str, int] = {}
        if occurrence is not None:
            occurrence.meeting = meeting
            addresses = sorted({invitation.email.lower() for invitation in invitations})
            for start in range(0, len(addresses), 500):
                subscribers.update(
                    occurrence.series.subscribers.confirmed()
                    .annotate(address=Lower("email"))
                    .filter(address__in=addresses[start : start + 500])
                    .values_list("address", "pk")
                )
        memo[key] = (occurrence, subscribers) if occurrence is not None else None
    return memo[key]


@transaction.atomic
def record_attendance(occurrence: Occurrence, invitation_ids: Iterable[int]) -> None:
    occurrence.attended.set(occurrence.meeting.invitations.filter(pk__in=list(invitation_ids)))


@transaction.atomic
def publish_minutes(
    occurrence: Occurrence, text: str, file: "CheckedMinutesFile | None" = None
) -> MinutesMailing | None:
    """Publish the minutes and have a task tell the confirmed subscribers where to read them (the
    mailing returned, whose progress the liaison officer's page shows). Publishing again (a
    correction) tells nobody twice and returns None."""
    occurrence = (
        Occurrence.objects.select_for_update().select_related("series", "meeting").get(pk=occurrence.pk)
    )
    first_time = occurrence.minutes_published_at is None
    occurrence.minutes = text
    if file is not None:
        # A generated name and the checked type; the uploaded name is never used.
        start = timezone.localtime(occurrence.meeting.start)
        occurrence.minutes_file.save(
            f"minutes-{occurrence.series.slug}-{start:%Y-%m-%d}.{file.extension}", file.file, save=False
        )
        occurrence.minutes_file_type = file.content_type
    occurrence.minutes_published_at = timezone.now()
    occurrence.save(update_fields=["minutes", "minutes_file", "minutes_file_type", "minutes_published_at"])
    if not first_time:
        return None
    return start_minutes_mailing(occurrence)
