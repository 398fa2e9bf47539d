"""The cache when Redis is down (ADR 14): reads miss, writes and counters stay in the process, and
the pages of a signed-in person still answer, their session read from the database."""

import os

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from coordinated_care.core import ratelimit
from coordinated_care.core.tests.test_outbox import closed_port

BACKEND = "coordinated_care.core.cache.ResilientRedisCache"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_down():
    with override_settings(
        CACHES={"default": {"BACKEND": BACKEND, "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}},
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    ):
        yield caches["default"]


def test_with_redis_down_reads_miss_and_writes_do_not_raise(redis_down):
    cache = redis_down
    assert cache.get("anything") is None
    assert cache.get("anything", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    cache.set("session", "old")
    cache.delete("session")
    # What was written during the outage is never read back: a session always comes from the database.
    cache.set("session", "kept here")
    assert cache.get("session") is None


def test_with_redis_down_rate_limits_still_count_in_the_process(redis_down):
    for _ in range(3):
        ratelimit.hit("test", "someone", (3, 60), cache=redis_down)
    with pytest.raises(ratelimit.Limited):
        ratelimit.hit("test", "someone", (3, 60), cache=redis_down)


@pytest.mark.django_db
def test_with_redis_down_a_signed_in_person_still_gets_their_pages(redis_down, signed_in, learner):
    client = signed_in(learner)
    assert client.get(reverse("learner_home")).status_code == 200
    assert client.get(reverse("accounts:your_data")).status_code == 200


def test_without_the_fallback_redis_down_is_an_error():
    """What the resilient cache is there for: Django's own raises on every call."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            }
        }
    ):
        with pytest.raises(RedisConnectionError):
            caches["default"].get("anything")


def _redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:
        return False


@pytest.mark.skipif(not _redis_available(), reason="no Redis on this machine")
def test_with_redis_up_it_is_redis():
    with override_settings(CACHES={"default": {"BACKEND": BACKEND, "LOCATION": REDIS_URL}}):
        cache = caches["default"]
        cache.set("resilient-test", "in redis", timeout=30)
        assert cache.get("resilient-test") == "in redis"
        cache.delete("resilient-test")


@pytest.mark.skipif(not _redis_available(), reason="no Redis on this machine")
def test_one_redis_client_serves_every_call_and_sees_every_change():
    """The client is made once per pool rather than per call (ReusingRedisCacheClient); it is only a
    handle on the pool, so each call still reads what Redis holds now."""
    with override_settings(CACHES={"default": {"BACKEND": BACKEND, "LOCATION": REDIS_URL}}):
        cache = caches["default"]
        assert cache._cache.get_client() is cache._cache.get_client(write=True)
        cache.set("reused-client-test", "first", timeout=30)
        assert cache.get("reused-client-test") == "first"
        cache.set("reused-client-test", "second", timeout=30)
        assert cache.get("reused-client-test") == "second"
        cache.delete("reused-client-test")
        assert cache.get("reused-client-test") is None
