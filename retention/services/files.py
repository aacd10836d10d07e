from collections.abc import Iterable

from django.core.files.storage import default_storage
from django.db import transaction


def delete_files_after_commit(names: Iterable[str]) -> None:
    """Remove stored files once the rows that named them are gone for good: a rolled-back
    clearing keeps both, and the next run removes them."""
    names = [name for name in names if name]

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete)
