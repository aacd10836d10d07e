"""The cache: Django's Redis backend keeping one client per server instead of building one per
call, and dropping entries that a change makes stale."""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import transaction

Value = TypeVar("Value")


def remembered(
    key: str, seconds: int, compute: Callable[[], Value], prefetched: Mapping[str, Any] | None = None
) -> Value:
    """The cached value of `key`, computed and kept for `seconds` when missing. `prefetched`:
    entries the caller already read with get_many, to save a round trip."""
    value = prefetched.get(key) if prefetched is not None else cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def forget(*keys: str) -> None:
    """Drop cached entries now and again after the current transaction commits, so no reader
    caches the old value again between the change and its commit."""
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


class _ClientKeepingCacheClient(RedisCacheClient):
    # Django builds a new redis.Redis around the shared connection pool on every cache call, and
    # redis-py fills a table of some 170 response callbacks each time: about a third of a cache
    # read, twice on every staff page (the session, the dashboard's counts). A client is
    # thread-safe over its pool, and Django keeps a cache object per thread anyway.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # The pool helpers and the client class are private to Django's client, not in the stubs.
        django_client: Any = self
        index = django_client._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = django_client._get_connection_pool(write)
            client = self._clients[index] = django_client._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ClientKeepingCacheClient
