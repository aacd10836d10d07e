"""The company register for `make bench`: register companies in SCB's spread of sizes, years of
visits behind them, and the import's rows per second."""

import csv
import io
import random
import time
from datetime import timedelta

from django.utils import timezone

from companies.demo_register import SIZES, TRADES
from companies.demo_register import rows as register_rows
from companies.industry import section_of
from companies.models import Company, FollowUp, Visit, VisitStatus
from companies.register_file import LAYOUT
from companies.services.register_import import import_register
from meetings.models import Meeting
from tests.bench.seed import BATCH, Seeded, batched
from tests.liaison.factories import valid_organisation_number

# The register search looks for this word. One company in 20 of the first register carries it and
# one in 2,000 of those added later, so the search's first page lists the same fifty companies at
# both sizes and, at the large one, meets fifty more it must order past: growth is the search's.
REGISTER_RARE = "Vätgasbolaget"
FIRST_SERIAL = 100_000  # after the request companies, before the form posts (800,000 on)
TIMELINE_VISITS = 30


def seed_register(seeded: Seeded, companies: int, visits: int, rng: random.Random) -> None:
    """Bring the register up to `companies` companies and `visits` visits. The first call seeds
    the current work (visits planned or held in the last two months, follow-ups still open), as
    seed_cases does for cases; later ones add history only (visits held and followed up, their
    follow-ups done), so what the start page lists is the same at both sizes."""
    sizes, weights = [size for size, _ in SIZES], [share for _, share in SIZES]
    current = seeded.register_companies == 0
    rare_every = 20 if current else 2_000
    new = (
        Company(
            name=f"{REGISTER_RARE if n % rare_every == 0 else rng.choice(TRADES)[0]} {n} AB",
            organisation_number=valid_organisation_number(FIRST_SERIAL + n),
            sni_code=(sni := rng.choice(TRADES)[1]),
            industry_section=section_of(sni) or "",
            size_class=rng.choices(sizes, weights)[0],
            town=rng.choice(["KARLSHAMN", "ASARUM", "MÖRRUM", "SVÄNGSTA"]),
            municipality_code="1082",
            in_latest_register=True,
        )
        for n in range(seeded.register_companies, companies)
    )
    for batch in batched(new):
        Company.objects.bulk_create(batch)
    seeded.register_companies = companies
    ids = list(Company.objects.in_register().values_list("pk", flat=True))
    if seeded.visited_company is None:
        seeded.visited_company = ids[0]
        _seed_visits(seeded, [ids[0]] * TIMELINE_VISITS, rng, current=False)
    visited = [rng.choice(ids) for _ in range(visits - seeded.register_visits)]
    _seed_visits(seeded, visited, rng, current=current)


def _seed_visits(seeded: Seeded, company_ids: list[int], rng: random.Random, *, current: bool) -> None:
    now = timezone.now()
    # Current work: from a month ahead to two months back; history: two months to six years back.
    earliest, latest = (-30, 60) if current else (61, 6 * 365)
    for batch in batched(company_ids, BATCH):
        starts = [now - timedelta(days=rng.randint(earliest, latest), hours=rng.randint(0, 8)) for _ in batch]
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    title="Företagsbesök", start=start, end=start + timedelta(hours=1), place="Hos företaget"
                )
                for start in starts
            ]
        )
        visits = Visit.objects.bulk_create(
            [
                Visit(
                    company_id=company_id,
                    meeting=meeting,
                    purpose="Lära känna företaget",
                    status=VisitStatus.PLANNED if meeting.start > now else VisitStatus.HELD,
                    followed_up_at=None
                    if meeting.start > now or (current and rng.random() < 0.1)
                    else meeting.end,
                    plans="Utbyggnad" if rng.random() < 0.2 else "",
                )
                for company_id, meeting in zip(batch, meetings, strict=True)
            ]
        )
        FollowUp.objects.bulk_create(
            [
                FollowUp(
                    visit=visit,
                    text="Återkomma om mark",
                    working_days=10,
                    due_on=(visit.meeting.start + timedelta(days=14)).date(),
                    status="open" if current and rng.random() < 0.3 else "done",
                )
                for visit in visits
                if rng.random() < 0.3
            ]
        )
        seeded.register_visits += len(batch)


def measure_import(rows: int) -> dict[str, object]:
    """The import of a generated register file of `rows` new companies, twice: new, then unchanged."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(LAYOUT)
    writer.writerows(register_rows(rows, seed=50_000))
    content = buffer.getvalue().encode("cp1252")
    started = time.perf_counter()
    first = import_register(content)
    new_seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = import_register(content)
    unchanged_seconds = time.perf_counter() - started
    return {
        "name": "register_import",
        "rows": rows,
        "new": first.new,
        "seconds": round(new_seconds, 2),
        "rows_per_s": round(rows / new_seconds),
        "unchanged": again.unchanged,
        "again_seconds": round(unchanged_seconds, 2),
        "again_rows_per_s": round(rows / unchanged_seconds),
    }
