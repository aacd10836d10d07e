"""Register tasks: they take ids and claim their row, so a retry never imports a file twice."""

from celery import shared_task

from companies.services import imports


@shared_task(name="companies.run_register_import")
def run_register_import(import_id: int) -> bool:
    return imports.run_register_import(import_id)


@shared_task(name="companies.fail_stalled_imports")
def fail_stalled_imports() -> int:
    """The sweep (every minute): an import whose worker died is marked failed, so its page asks
    for the file again instead of showing a progress bar that never moves; returns how many."""
    return len(imports.fail_stalled_imports())
