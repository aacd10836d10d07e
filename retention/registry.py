"""The kinds of data the retention plan clears, one `Kind` per entry of settings.RETENTION_PLAN.

The retention app registers its own kinds (retention/kinds/) when it is ready. An app with data
of its own to clear (relocation profiles, survey comments) does the same from its AppConfig's
`ready()`: add an entry to RETENTION_PLAN in settings, write a `Kind` subclass and call
`register(...)`. The rest follows: the periodic task (karlshamn_portal/celery.py schedules one
per plan entry), `clear_by_plan`, the clearing log and the privacy page. A system check fails
start-up when a plan entry and the registered kinds disagree.

A kind may also answer for one person: `personal_data(person)` for an access request's ZIP and
`erase_consented(person)` for what ends with consent. Only the retention app calls them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class Person:
    """Whom an access or erasure request is about: an e-mail address, or a sole trader's
    personnummer (normalised NNNNNN-NNNN); one of the two is empty."""

    email: str = ""
    personnummer: str = ""


class Kind:
    """One kind of data in the plan. Subclasses set the texts and return, from `due`, the rows
    whose time is up; `clear` acts on rows the clearing has claimed (locked), and must leave them
    outside `due`, so that a second run finds nothing to do."""

    key: str
    label: str | Promise  # what the data is, e.g. "Sent e-mails' texts"
    # What happens and when, with %(days)s, e.g. "removed %(days)s days after sending".
    rule: str | Promise
    # What `erase_consented` erases, when that is not the kind's whole `label`.
    erased_label: str | Promise | None = None

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        """The rows to clear, as one QuerySet per model, for a cutoff of now minus the plan's days."""
        raise NotImplementedError

    def clear(self, rows: QuerySet, now: datetime) -> None:
        """Clear the claimed rows (a QuerySet of them, inside the clearing's transaction)."""
        rows.delete()

    def personal_data(self, person: Person) -> dict[str, list[dict[str, object]]]:
        """What this kind holds about `person`, by file name (without .json), for an access request."""
        return {}

    def erase_consented(self, person: Person) -> int:
        """Erase what `person` gave by consent and may take back at once; the number erased."""
        return 0

    @property
    def days(self) -> int | None:
        return settings.RETENTION_PLAN[self.key]

    def describe(self, days: int | None = None) -> str:
        from django.utils.translation import gettext

        days = self.days if days is None else days
        if days is None:
            return gettext("kept for ever (the records plan keeps it)")
        return str(self.rule) % {"days": days}


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.key in _kinds and type(_kinds[kind.key]) is not type(kind):
        raise ValueError(f"retention kind {kind.key!r} is registered twice")
    _kinds[kind.key] = kind
    return kind


def kinds() -> list[Kind]:
    """The registered kinds, in the plan's order."""
    order = list(settings.RETENTION_PLAN)
    return sorted(
        _kinds.values(), key=lambda kind: order.index(kind.key) if kind.key in order else len(order)
    )


def get(key: str) -> Kind:
    return _kinds[key]
