"""The register list in keyset pages, and its CSV export.

Pages are found by the last (or first) company seen, never by OFFSET, so the last page costs
what the first does. The URL carries only that company's id, no name: a sole trader's company
name is often the owner's own.
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q

from companies.models import Company
from companies.models.companies import CompanyQuerySet
from companies.register_file import LAYOUT
from karlshamn_portal.numbers import parse_id

PAGE_SIZE = 50
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RegisterPage:
    companies: list[Company]
    next_after: int | None
    previous_before: int | None


def _key(raw: str) -> tuple[str, int] | None:
    pk = parse_id(raw)
    if pk is None:
        return None
    name = Company.objects.filter(pk=pk).values_list("name", flat=True).first()
    return (name, pk) if name is not None else None


def register_page(companies: CompanyQuerySet, *, after: str = "", before: str = "") -> RegisterPage:
    """One page in name order, after or before the company whose id is given."""
    if before and (key := _key(before)):
        name, pk = key
        earlier = companies.filter(Q(name__lt=name) | Q(name=name, id__lt=pk)).order_by("-name", "-id")
        rows = list(earlier[: PAGE_SIZE + 1])
        has_more = len(rows) > PAGE_SIZE
        page = list(reversed(rows[:PAGE_SIZE]))
        return RegisterPage(page, page[-1].pk if page else None, page[0].pk if page and has_more else None)
    started = False
    if after and (key := _key(after)):
        name, pk = key
        companies = companies.filter(Q(name__gt=name) | Q(name=name, id__gt=pk))
        started = True
    rows = list(companies.order_by("name", "id")[: PAGE_SIZE + 1])
    page = rows[:PAGE_SIZE]
    next_after = page[-1].pk if len(rows) > PAGE_SIZE else None
    return RegisterPage(page, next_after, page[0].pk if started and page else None)


def neutralised(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets an apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_lines(companies: CompanyQuerySet) -> Iterator[str]:
    """The companies as CSV lines in the register's own layout (semicolons, as SCB's file);
    a sole trader's personnummer masked."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(LAYOUT)
    for company in companies.order_by("name", "id").iterator(chunk_size=2_000):
        yield writer.writerow(
            [
                neutralised(value)
                for value in (
                    company.masked_organisation_number,
                    company.name,
                    company.legal_form,
                    company.sni_code,
                    company.size_class,
                    company.address,
                    company.postcode,
                    company.town,
                    company.municipality_code,
                )
            ]
        )
