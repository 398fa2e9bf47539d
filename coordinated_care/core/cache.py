"""Redis as the cache, and a service that still answers when Redis does not (ADR 14).

Django's Redis cache raises on every call while Redis is down, and sessions (`cached_db`) and rate
limits call it on nearly every request: every page would be a 500. `ResilientRedisCache` catches
the connection errors instead:

- reads (`get`, `get_many`, `has_key`) answer as a miss, so a session is read from the database,
  which always holds it;
- writes and counters (`set`, `add`, `incr`, `delete`, ...) go to a cache in this process's memory
  that no read ever looks at except the counters themselves, so rate limits still count, per
  process, through an outage, and a session can never be served from a stale local copy;
- after a failure Redis is not tried again for `RETRY_SECONDS`, so that a Redis that does not
  answer costs one connection timeout per process now and then, not one per call.

The failure is logged once per outage, without keys or values."""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
FAILURES = (RedisError, OSError)


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client makes a new `redis.Redis` for every call, which builds its table of some 170
    response callbacks each time: 0.17 ms of CPU, as much as the call itself, on every session read.
    A `redis.Redis` is only a handle on its connection pool and is safe to share between threads, so
    one is kept for each pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._local = LocMemCache(f"resilient-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._down_until = 0.0

    def _call(self, name, args, kwargs, *, on_failure):
        if time.monotonic() < self._down_until:
            return on_failure()
        try:
            return getattr(super(), name)(*args, **kwargs)
        except FAILURES as error:
            if not self._down_until:
                logger.warning(
                    "The cache's Redis did not answer (%s): reading the database instead", type(error).__name__
                )
            self._down_until = time.monotonic() + RETRY_SECONDS
            return on_failure()
        finally:
            if self._down_until and time.monotonic() >= self._down_until:
                self._down_until = 0.0

    def _read(name, missed):  # noqa: N805 (a factory of methods, run while the class is made)
        def method(self, *args, **kwargs):
            return self._call(name, args, kwargs, on_failure=lambda: missed(args, kwargs))

        method.__name__ = name
        return method

    def _write(name):  # noqa: N805
        def method(self, *args, **kwargs):
            return self._call(name, args, kwargs, on_failure=lambda: getattr(self._local, name)(*args, **kwargs))

        method.__name__ = name
        return method

    get = _read("get", lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None))
    get_many = _read("get_many", lambda args, kwargs: {})
    has_key = _read("has_key", lambda args, kwargs: False)
    set = _write("set")
    add = _write("add")
    incr = _write("incr")
    decr = _write("decr")
    touch = _write("touch")
    delete = _write("delete")
    set_many = _write("set_many")
    delete_many = _write("delete_many")
    clear = _write("clear")
    del _read, _write
