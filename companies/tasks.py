"""Register tasks: they take ids and claim their row, so a retry never imports a file twice."""

from celery import shared_task

from companies import last_met
from companies.services import imports


@shared_task(name="companies.run_register_import")
def run_register_import(import_id: int) -> bool:
    return imports.run_register_import(import_id)


@shared_task(name="companies.refresh_last_met")
def refresh_last_met(
    company_ids: list[int] | None = None,
    meeting_ids: list[int] | None = None,
    addresses: list[str] | None = None,
) -> int:
    """Work out the "last met" times of the companies named, of the companies these meetings
    concern, and of those with a contact at these addresses."""
    ids = set(company_ids or ())
    if meeting_ids:
        ids |= last_met.companies_of_meetings(meeting_ids)
    if addresses:
        ids |= last_met.companies_of_addresses(addresses)
    return last_met.refresh_last_met(ids)


@shared_task(name="companies.refresh_recently_met")
def refresh_recently_met() -> int:
    return last_met.refresh_recently_met()


@shared_task(name="companies.refresh_all_last_met")
def refresh_all_last_met() -> int:
    return last_met.refresh_last_met()


@shared_task(name="companies.sweep_register_imports")
def sweep_register_imports() -> int:
    """The sweep (every minute): an import whose worker died is marked failed, so its page asks
    for the file again instead of showing a progress bar that never moves, and an import whose
    hand-off to the broker was lost is handed over again; returns how many of each together."""
    return len(imports.fail_stalled_imports()) + len(imports.start_waiting_imports())
