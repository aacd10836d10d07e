"""Swedish organisationsnummer and personnummer: parsing, the Luhn check digit, masking.

A company is identified by a 10-digit organisationsnummer whose third digit is at least 2.
A sole trader (enskild firma) uses the owner's personnummer instead: a real birth date, so it
is personal data and is shown masked to everyone but liaison officers.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# NNNNNN-NNNN, ten digits, or twelve digits with the century (optionally with a dash or, for a
# personnummer of someone over 100, a plus sign).
_FORMAT = re.compile(r"^(?P<century>\d{2})?(?P<body>\d{6})[-+]?(?P<tail>\d{4})$", re.ASCII)
# Organisationsnummer written with the "16" prefix some registers use for legal persons.
_LEGAL_PERSON_CENTURY = "16"


@dataclass(frozen=True)
class OrganisationNumber:
    number: str  # normalised: NNNNNN-NNNN
    is_sole_trader: bool

    @property
    def masked(self) -> str:
        return mask(self.number, self.is_sole_trader)


def mask(number: str, is_sole_trader: bool) -> str:
    """A sole trader's personnummer with its last four digits hidden."""
    return number[:7] + "****" if is_sole_trader else number


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, character in enumerate(digits):
        product = int(character) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def _birth_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _personnummer_date(century: str | None, body: str, today: date) -> date | None:
    year, month, day = int(body[:2]), int(body[2:4]), int(body[4:6])
    if century:
        born = _birth_date(int(century) * 100 + year, month, day)
        return born if born and born <= today else None
    # Without the century: the most recent matching date that is not in the future.
    for hundreds in (today.year // 100 * 100, today.year // 100 * 100 - 100):
        born = _birth_date(hundreds + year, month, day)
        if born and born <= today:
            return born
    return None


def parse_organisation_number(value: str, today: date | None = None) -> OrganisationNumber:
    """Read an organisationsnummer or a sole trader's personnummer; ValidationError if neither."""
    cleaned = re.sub(r"\s", "", value or "")
    match = _FORMAT.match(cleaned)
    if not match:
        raise ValidationError(
            _("Enter 10 digits as NNNNNN-NNNN (for example 556036-0793), or 12 digits with the century."),
            code="format",
        )
    century, body, tail = match["century"], match["body"], match["tail"]
    digits = body + tail
    if not luhn_is_valid(digits):
        raise ValidationError(
            _("The last digit (the check digit) does not match. Please check the number."),
            code="check_digit",
        )
    number = f"{body}-{tail}"
    is_legal_person = int(digits[2]) >= 2
    if is_legal_person and century in (None, _LEGAL_PERSON_CENTURY):
        return OrganisationNumber(number, is_sole_trader=False)
    if (
        century == _LEGAL_PERSON_CENTURY
        or _personnummer_date(century, body, today or timezone.localdate()) is None
    ):
        raise ValidationError(
            _(
                "This is neither an organisationsnummer nor a valid personnummer (the date does not "
                "exist). Please check the number."
            ),
            code="date",
        )
    return OrganisationNumber(number, is_sole_trader=True)


# A personnummer written anywhere in free text (a search in a URL, a log line): YYMMDD or
# YYYYMMDD, an optional dash or plus, four digits, not inside a longer run of digits.
_IN_TEXT = re.compile(r"(?<!\d)(?P<century>\d{2})?(?P<body>\d{6})(?P<sign>[-+]?)(?P<tail>\d{4})(?!\d)")


def _looks_like_a_birth_date(body: str) -> bool:
    # Month 01–12 and day 01–31, or 61–91 for a samordningsnummer. An organisationsnummer's
    # "month" is 20 or more, so company numbers stay readable.
    month, day = int(body[2:4]), int(body[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def mask_personnummer_in(text: str) -> str:
    """`text` with every number shaped like a personnummer masked as YYMMDD-****, whether or not
    its check digit is right (a mistyped personnummer is personal data too)."""

    def masked(match: re.Match[str]) -> str:
        if not _looks_like_a_birth_date(match["body"]):
            return match[0]
        return f"{match['century'] or ''}{match['body']}{match['sign'] or '-'}****"

    return _IN_TEXT.sub(masked, text)
