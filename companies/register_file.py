"""Reading a register file in the layout of SCB's företagsregister.

The file is a CSV: Windows-1252 or UTF-8 (with or without a byte-order mark), separated by `;`,
`,` or tabs, all detected. Header names match case-insensitively, with or without å/ä/ö; extra
columns are ignored. Every row is checked on its own: a bad row is reported with its line number
and the reason, and never stops the rest.
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from companies.industry import section_of
from companies.models import SizeClass
from companies.orgnr import parse_organisation_number
from karlshamn_portal.numbers import only_digits

# Our field name for each column, by the column's name folded (see _fold).
COLUMNS = {
    "organisationsnummer": ("organisation_number", "Organisationsnummer"),
    "foretagsnamn": ("name", "Företagsnamn"),
    "juridiskform": ("legal_form", "Juridisk form"),
    "sni2007": ("sni_code", "SNI 2007"),
    "storleksklass": ("size_class", "Storleksklass"),
    "gatuadress": ("address", "Gatuadress"),
    "postnummer": ("postcode", "Postnummer"),
    "postort": ("town", "Postort"),
    "kommunkod": ("municipality_code", "Kommunkod"),
}
# The file's column titles in SCB's order: what the demo file and the register export write.
LAYOUT = [title for _field, title in COLUMNS.values()]
DELIMITERS = [";", ",", "\t"]
_FOLDED_LETTERS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})
# The longest value each text field takes (the model's max_length).
_MAX_LENGTHS = {"name": 200, "legal_form": 100, "address": 300, "town": 100}
_SIZE_CLASSES = {choice.value for choice in SizeClass}


class RegisterFileError(Exception):
    """The file as a whole cannot be read (empty, not a CSV, required columns missing): nothing is imported."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True, slots=True)
class RegisterRow:
    line: int
    organisation_number: str
    is_sole_trader: bool
    name: str
    legal_form: str
    sni_code: str
    industry_section: str
    size_class: str
    address: str
    postcode: str
    town: str
    municipality_code: str


@dataclass(frozen=True, slots=True)
class Rejection:
    line: int
    reason: str | Promise


def _fold(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.strip().lower().translate(_FOLDED_LETTERS))


def decode(content: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def detect_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    if counts[best] == 0:
        raise RegisterFileError(
            _(
                "The first line has no columns separated by semicolons, commas or tabs. Is this the register file?"
            )
        )
    return best


def size_class_of(value: str) -> str | None:
    """SCB's class from what the file says ("10-19", "10–19", "10 - 19", "500+"); None if none."""
    cleaned = re.sub(r"\s", "", value).replace("–", "-").replace("—", "-")  # noqa: RUF001 (dashes)
    return cleaned if cleaned in _SIZE_CLASSES else None


def _postcode(value: str) -> str | None:
    digits = re.sub(r"\s", "", value)
    if not digits:
        return ""
    if len(digits) != 5 or not only_digits(digits):
        return None
    return f"{digits[:3]} {digits[3:]}"


def read_row(line: int, values: dict[str, str]) -> RegisterRow | Rejection:
    """One row checked, or why it is rejected (the reason never repeats a personnummer)."""
    try:
        number = parse_organisation_number(values["organisation_number"])
    except ValidationError as error:
        return Rejection(line, _("Organisationsnummer: %(reason)s") % {"reason": error.messages[0]})
    name = " ".join(values["name"].split())
    if not name:
        return Rejection(line, _("The company name is empty."))
    for field, limit in _MAX_LENGTHS.items():
        if len(values[field]) > limit:
            return Rejection(line, _("A value is longer than %(limit)s characters.") % {"limit": limit})
    sni_code = re.sub(r"[\s.]", "", values["sni_code"])
    section = section_of(sni_code) if sni_code else ""
    if section is None:
        return Rejection(line, _("SNI 2007: not a five-digit SNI code."))
    size_class = size_class_of(values["size_class"]) if values["size_class"].strip() else ""
    if size_class is None:
        return Rejection(line, _("Storleksklass: not one of SCB's size classes (0, 1–4, …, 500+)."))
    postcode = _postcode(values["postcode"])
    if postcode is None:
        return Rejection(line, _("Postnummer: not five digits."))
    municipality_code = values["municipality_code"].strip()
    if municipality_code and not re.fullmatch(r"[0-9]{4}", municipality_code):
        return Rejection(line, _("Kommunkod: not four digits."))
    return RegisterRow(
        line=line,
        organisation_number=number.number,
        is_sole_trader=number.is_sole_trader,
        name=name,
        legal_form=values["legal_form"].strip(),
        sni_code=sni_code,
        industry_section=section,
        size_class=size_class,
        address=" ".join(values["address"].split()),
        postcode=postcode,
        town=" ".join(values["town"].split()),
        municipality_code=municipality_code,
    )


def read_rows(text: str) -> Iterator[RegisterRow | Rejection]:
    """Every data row of the file, checked; RegisterFileError before the first when the file is unusable."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    if not first_line.strip():
        raise RegisterFileError(_("The file is empty."))
    reader = csv.reader(
        io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=detect_delimiter(first_line)
    )
    header = next(reader)
    positions: dict[str, int] = {}
    for position, column in enumerate(header):
        known = COLUMNS.get(_fold(column))
        if known and known[0] not in positions:
            positions[known[0]] = position
    missing = [title for field, title in COLUMNS.values() if field not in positions]
    if missing:
        raise RegisterFileError(
            _("Required columns are missing: %(columns)s. Nothing was imported.")
            % {"columns": ", ".join(missing)}
        )
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            field: cells[position] if position < len(cells) else "" for field, position in positions.items()
        }
        yield read_row(start, values)
