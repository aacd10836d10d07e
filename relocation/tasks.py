"""Relocation tasks: thin; the services do the work."""

from celery import shared_task

from relocation.services import retention


@shared_task(name="relocation.delete_expired_partners")
def delete_expired_partners() -> int:
    """The retention scan: closed partners whose time has come are deleted, row by claimed row."""
    return retention.delete_expired_partners()
