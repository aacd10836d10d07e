"""Dropping cached entries that a change makes stale.

Reads use Django's cache API directly (`cache.get_or_set`). In production the cache is
django-redis with IGNORE_EXCEPTIONS (see settings): while Redis is unreachable every read is a
miss, so the value is computed, and every write or deletion is skipped with a logged warning.
"""

from django.core.cache import cache
from django.db import transaction


def forget(*keys: str) -> None:
    """Drop cached entries now and again after the current transaction commits, so no reader
    caches the old value again between the change and its commit."""
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
