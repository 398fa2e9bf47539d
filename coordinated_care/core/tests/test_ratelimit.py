"""The one rate limiter: counted in the shared cache, by window, for the address a visitor really
has behind the service's own proxies."""

import os
import uuid

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.test import RequestFactory

from coordinated_care.core import ratelimit

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
NOW = 1_800_000_000.0  # the start of a 600-second window, and of a 60-second one


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    clock = {"now": NOW}
    monkeypatch.setattr(ratelimit, "_now", lambda: clock["now"])
    return clock


def _hits(scope, value, limit, caches, times):
    """Results of `times` hits, spread over `caches` in turn (one a process)."""
    results = []
    for n in range(times):
        try:
            ratelimit.hit(scope, value, limit, cache=caches[n % len(caches)])
            results.append("ok")
        except ratelimit.Limited as limited:
            results.append(limited.retry_after)
    return results


def test_two_processes_sharing_a_cache_share_one_count(tmp_path):
    # Two cache clients on one backend, as two application processes see Redis.
    first, second = FileBasedCache(str(tmp_path), {}), FileBasedCache(str(tmp_path), {})
    assert _hits("test.shared", "192.0.2.1", (3, 600), [first, second], 5) == ["ok", "ok", "ok", 600, 600]


def _redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:
        return False


@pytest.mark.skipif(not _redis_available() and not os.environ.get("CI"), reason="no Redis on this machine")
def test_two_processes_on_redis_share_one_count():
    from django.core.cache.backends.redis import RedisCache

    first, second = RedisCache(REDIS_URL, {}), RedisCache(REDIS_URL, {})
    scope = f"test.redis.{uuid.uuid4()}"  # nothing left from another run can count
    assert _hits(scope, "192.0.2.1", (2, 60), [first, second], 4) == ["ok", "ok", 60, 60]


def test_a_new_window_starts_a_new_count_and_retry_after_says_when(tmp_path, still_clock):
    cache = FileBasedCache(str(tmp_path), {})
    still_clock["now"] = NOW + 450
    assert _hits("test.window", "a", (1, 600), [cache], 2) == ["ok", 150]
    still_clock["now"] = NOW + 600
    assert _hits("test.window", "a", (1, 600), [cache], 1) == ["ok"]


def test_each_value_and_each_scope_has_its_own_count(tmp_path):
    cache = FileBasedCache(str(tmp_path), {})
    assert _hits("test.one", "a", (1, 600), [cache], 2) == ["ok", 600]
    assert _hits("test.one", "b", (1, 600), [cache], 1) == ["ok"]
    assert _hits("test.two", "a", (1, 600), [cache], 1) == ["ok"]


def test_what_is_counted_is_kept_only_as_a_keyed_hash(tmp_path):
    from django.core.cache import caches

    cache = caches["default"]
    cache.clear()
    ratelimit.hit("test.private", "203.0.113.77", (5, 600))
    keys = list(cache._cache)  # the local-memory cache of the test settings
    assert keys and not any("203.0.113.77" in key for key in keys)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        # No proxy trusted: whatever the visitor puts in X-Forwarded-For is ignored.
        (0, "198.51.100.1", "10.0.0.5"),
        (0, "", "10.0.0.5"),
        # One load balancer: the address it appended, not one the visitor wrote before it.
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "198.51.100.66, 192.0.2.1", "192.0.2.1"),
        # A CDN then a load balancer: the address the CDN saw.
        (2, "198.51.100.66, 192.0.2.1, 203.0.113.9", "192.0.2.1"),
        # Fewer hops than proxies: the request did not come the way it should; count the connection.
        (2, "192.0.2.1", "10.0.0.5"),
        (1, "", "10.0.0.5"),
    ],
)
def test_the_client_address_is_the_one_the_outermost_trusted_proxy_saw(settings, proxies, forwarded, address):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", **headers)
    assert ratelimit.client_address(request) == address


def test_patients_behind_one_load_balancer_do_not_share_a_count(settings, tmp_path):
    settings.TRUSTED_PROXY_COUNT = 1
    cache = FileBasedCache(str(tmp_path), {})
    factory = RequestFactory()
    patients = [factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}") for n in range(3)]
    for request in patients:
        ratelimit.hit("test.patients", ratelimit.client_address(request), (1, 600), cache=cache)
