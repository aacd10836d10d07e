"""The satisfaction index (NKI, nöjd-kund-index): one respondent's index, a group's figure and
its band. Every page, chart, export and statistic reads a group's NKI through `group_nki`, so
the rule that fewer than MIN_RESPONDENTS answers show no figure holds everywhere: nobody can
work out one company's answer from a small group.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_RESPONDENTS = 7
SCALE_LOW, SCALE_HIGH = 1, 10


class Band(models.TextChoices):
    VERY_HIGH = "very_high", _("Very high")
    HIGH = "high", _("High")
    APPROVED = "approved", _("Approved")
    LOW = "low", _("Low")
    VERY_LOW = "very_low", _("Very low")


def scale_index(mean: float) -> float:
    """A mean rating on the 1–10 scale as an index from 0 (all 1) to 100 (all 10)."""
    return 100 * (mean - SCALE_LOW) / (SCALE_HIGH - SCALE_LOW)


def respondent_index(overall: int | None, expectations: int | None, ideal: int | None) -> float | None:
    """One respondent's NKI; None unless all three satisfaction questions were answered."""
    answers = (overall, expectations, ideal)
    if any(answer is None for answer in answers):
        return None
    return scale_index(sum(answers) / len(answers))  # type: ignore[arg-type]


def band_of(value: int) -> Band:
    """The band of a whole-number index: above 80 very high, 70–80 high, 62–69 approved,
    50–61 low, below 50 very low."""
    if value > 80:
        return Band.VERY_HIGH
    if value >= 70:
        return Band.HIGH
    if value >= 62:
        return Band.APPROVED
    if value >= 50:
        return Band.LOW
    return Band.VERY_LOW


def whole(value: float) -> int:
    """Rounded half up, as a reader expects (85.5 is 86), not Python's round-half-even."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class NkiFigure:
    """What a group shows: the index (None when too few answered), its band, the respondents
    and, when known, the response rate (respondents of everyone surveyed)."""

    value: int | None
    band: Band | None
    respondents: int
    surveyed: int

    @property
    def too_few(self) -> bool:
        return self.value is None

    @property
    def response_rate(self) -> int | None:
        """Percent, whole; None when nobody was surveyed."""
        return whole(100 * self.respondents / self.surveyed) if self.surveyed else None

    @property
    def band_label(self) -> str:
        return str(self.band.label) if self.band else ""


def group_nki(index_total: float, respondents: int, surveyed: int = 0) -> NkiFigure:
    """A group's NKI from the sum of its respondents' indices and their number: the mean,
    rounded to a whole number, with its band; no figure below MIN_RESPONDENTS."""
    if respondents < MIN_RESPONDENTS:
        return NkiFigure(None, None, respondents, surveyed)
    value = whole(index_total / respondents)
    return NkiFigure(value, band_of(value), respondents, surveyed)


def group_factor(mean_rating: float | None, answers: int) -> int | None:
    """A service factor's index for a group from its mean 1–10 rating, under the same
    threshold as the NKI."""
    if mean_rating is None or answers < MIN_RESPONDENTS:
        return None
    return whole(scale_index(mean_rating))
