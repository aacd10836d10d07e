"""Register tasks: they take ids and claim their row, so a retry never imports a file twice."""

from celery import shared_task

from companies.services import imports


@shared_task(name="companies.run_register_import")
def run_register_import(import_id: int) -> bool:
    return imports.run_register_import(import_id)
