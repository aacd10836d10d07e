"""Importing the company register: upsert by organisationsnummer, in batches.

The same file twice changes nothing. A company missing from a newer file is marked "not in the
latest register", never deleted. A number twice in the file: the last row wins, and the report
says so. 100,000 rows take a few seconds on PostgreSQL: each batch is compared with the
companies already stored in one query, then written with one bulk INSERT and one bulk UPDATE.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.utils import timezone

from companies.coverage_cache import forget_coverage
from companies.models import Company
from companies.register_file import RegisterRow, Rejection, decode, read_rows

BATCH_SIZE = 2_000
# What the register says about a company; an import compares and writes these only.
REGISTER_FIELDS = [
    "name",
    "is_sole_trader",
    "legal_form",
    "sni_code",
    "industry_section",
    "size_class",
    "address",
    "postcode",
    "town",
    "municipality_code",
]


@dataclass
class ImportReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    # (line kept, line replaced) for each organisationsnummer the file has more than once.
    duplicates: list[tuple[int, int]] = field(default_factory=list)
    marked_missing: int = 0
    rows: int = 0

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def summary(self) -> dict[str, int]:
        """The command's last line, and the heart of the staff page's report."""
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


Progress = Callable[[int, int], None]  # (rows done, rows in the file)


def _batches(rows: Iterable[RegisterRow]) -> Iterator[list[RegisterRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH_SIZE)):
        yield batch


def _differs(company: Company, row: RegisterRow) -> bool:
    return not company.in_latest_register or any(
        getattr(company, name) != getattr(row, name) for name in REGISTER_FIELDS
    )


def _apply(company: Company, row: RegisterRow) -> None:
    for name in REGISTER_FIELDS:
        setattr(company, name, getattr(row, name))
    company.in_latest_register = True
    company.left_register_at = None


def _import_batch(batch: list[RegisterRow], report: ImportReport, *, dry_run: bool) -> None:
    stored = Company.objects.in_bulk(
        [row.organisation_number for row in batch], field_name="organisation_number"
    )
    new, changed = [], []
    for row in batch:
        company = stored.get(row.organisation_number)
        if company is None:
            company = Company(organisation_number=row.organisation_number)
            _apply(company, row)
            new.append(company)
        elif _differs(company, row):
            _apply(company, row)
            changed.append(company)
        else:
            report.unchanged += 1
    report.new += len(new)
    report.updated += len(changed)
    if dry_run:
        return
    now = timezone.now()
    for company in changed:
        company.updated_at = now
    with transaction.atomic():
        Company.objects.bulk_create(new, batch_size=BATCH_SIZE)
        Company.objects.bulk_update(
            changed,
            [*REGISTER_FIELDS, "in_latest_register", "left_register_at", "updated_at"],
            batch_size=500,
        )


def _mark_missing(numbers_in_file: set[str], *, dry_run: bool) -> int:
    """Companies of the previous register that this file no longer has: marked, never deleted."""
    stored = Company.objects.in_register().values_list("pk", "organisation_number")
    missing = [pk for pk, number in stored.iterator(chunk_size=10_000) if number not in numbers_in_file]
    if not dry_run:
        now = timezone.now()
        for start in range(0, len(missing), BATCH_SIZE):
            Company.objects.filter(pk__in=missing[start : start + BATCH_SIZE]).update(
                in_latest_register=False, left_register_at=now, updated_at=now
            )
    return len(missing)


def import_register(
    content: bytes, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Read the file and bring the register up to date with it; a dry run only counts.

    Raises RegisterFileError, having imported nothing, when the file as a whole is unusable.
    Each batch is its own transaction, so progress is visible while the import runs; a file
    cut short by a crash can simply be imported again.
    """
    report = ImportReport()
    latest: dict[str, RegisterRow] = {}
    for result in read_rows(decode(content)):
        if isinstance(result, Rejection):
            report.rejections.append(result)
            continue
        earlier = latest.pop(result.organisation_number, None)
        if earlier is not None:
            report.duplicates.append((result.line, earlier.line))
        latest[result.organisation_number] = result
    total = len(latest)
    report.rows = total + report.rejected + len(report.duplicates)
    done = 0
    if progress:
        # The file is read: the page can show the total, and the sweep sees the worker is alive.
        progress(done, total)
    for batch in _batches(latest.values()):
        _import_batch(batch, report, dry_run=dry_run)
        done += len(batch)
        if progress:
            progress(done, total)
    report.marked_missing = _mark_missing(set(latest), dry_run=dry_run)
    if not dry_run and (report.new or report.updated or report.marked_missing):
        forget_coverage()
    return report
