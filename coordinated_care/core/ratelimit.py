"""Rate limits, counted in Django's cache so that every application process shares one count (Redis
when REDIS_URL is set, as in production; per process with a checkout's local-memory cache).

    try:
        ratelimit.hit("feedback.address", ratelimit.client_address(request), settings.FEEDBACK_RATE_LIMITS["address"])
    except ratelimit.Limited as limited:
        ...  # 429, Retry-After: limited.retry_after

Fixed windows: simple, and enough to stop a script trying links, filling forms or calling the live
check in bulk. What is counted (an address, a user, a token) is kept only as a keyed hash, for the
length of a window, and never logged. Sign-in and password resets are limited by allauth itself
(ACCOUNT_RATE_LIMITS); wrong passwords when signing are counted in the database (ADR 7).
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

_now = time.time  # tests pin the clock, so that a window cannot end halfway through one


class Limited(Exception):
    def __init__(self, retry_after):
        super().__init__("Too many requests")
        self.retry_after = retry_after


def hit(scope, value, limit, *, cache=None):
    """Count one request for `value` in `scope`, where `limit` is (requests, seconds); raise Limited
    once the window's allowance is spent."""
    allowed, window = limit
    cache = cache or caches["default"]
    now = int(_now())
    start = now - now % window
    digest = salted_hmac("coordinated_care.core.ratelimit", f"{scope}:{value}").hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{start}"
    # add() does nothing when the key exists, so concurrent first hits do not reset each other.
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted, or expired, between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count > allowed:
        raise Limited(retry_after=start + window - now)


def client_address(request):
    """The visitor's address. Behind load balancers, TRUSTED_PROXY_COUNT says how many proxies
    append to X-Forwarded-For: the address is the one the outermost trusted proxy saw, which the
    visitor cannot forge. With none, or too few hops for the count, it is the connection's own."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
