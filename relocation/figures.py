"""The unit's figures: partners helped per year and the share matched to work within six
months of registering, overall and by the network employer who invited them. Read from the
PartnerOutcome rows, which hold no personal data and outlive deleted partners."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from liaison.working_days import local_today
from relocation.models import PartnerOutcome

MATCH_WITHIN = relativedelta(months=6)


@dataclass(frozen=True)
class FigureRow:
    label: str
    helped: int
    matched: int  # matched to work within six months of registering

    @property
    def share(self) -> int:
        """Percent, rounded; 0 when nobody was helped."""
        return round(100 * self.matched / self.helped) if self.helped else 0


def matched_in_time(registered_on: date, matched_on: date | None) -> bool:
    return matched_on is not None and matched_on <= registered_on + MATCH_WITHIN


def _rows(groups: dict[str, list[bool]]) -> list[FigureRow]:
    return [FigureRow(label, len(flags), sum(flags)) for label, flags in groups.items()]


def unit_figures(now: datetime) -> dict[str, Any]:
    by_year: dict[str, list[bool]] = defaultdict(list)
    by_employer: dict[str, list[bool]] = defaultdict(list)
    outcomes = PartnerOutcome.objects.select_related("employer__company").order_by("registered_on", "pk")
    for outcome in outcomes:
        in_time = matched_in_time(outcome.registered_on, outcome.matched_on)
        by_year[str(outcome.registered_on.year)].append(in_time)
        employer = str(outcome.employer.company.name) if outcome.employer else _("Came on their own")
        by_employer[employer].append(in_time)
    employers = sorted(_rows(by_employer), key=lambda row: (-row.helped, row.label))
    return {"years": _rows(by_year), "employers": employers, "today": local_today(now)}
