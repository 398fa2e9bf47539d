"""Rate limits for the pages anyone can open, counted in Django's cache so that every application
process shares them (Redis in production, per process with the default local memory cache).

Fixed windows: simple, and enough to stop a script from trying links or filling forms in bulk.
Nothing here is logged, and addresses are kept only as a keyed hash for the length of a window."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

# (requests, seconds). A practice's waiting room may share one address: the per-address limit is
# generous; one link has no reason to be opened more than a few times.
DEFAULT_LIMITS = {"address": (60, 600), "token": (20, 3600), "countersign": (5, 900)}


def limits():
    return {**DEFAULT_LIMITS, **getattr(settings, "FEEDBACK_RATE_LIMITS", {})}


def client_address(request):
    """The visitor's address. Behind a load balancer, FEEDBACK_TRUSTED_PROXIES says how many
    proxies append to X-Forwarded-For; the address is the one the nearest untrusted hop gave."""
    proxies = getattr(settings, "FEEDBACK_TRUSTED_PROXIES", 0)
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class Limited(Exception):
    def __init__(self, retry_after):
        super().__init__("Too many requests")
        self.retry_after = retry_after


def hit(scope, value):
    """Count one request for `value` in `scope`; raise Limited once the window's allowance is spent."""
    allowed, window = limits()[scope]
    now = int(time.time())
    start = now - now % window
    digest = salted_hmac("feedback.ratelimit", f"{scope}:{value}").hexdigest()[:32]
    key = f"feedback:rl:{scope}:{digest}:{start}"
    # add() is a no-op when the key exists, so concurrent first hits do not reset each other.
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count > allowed:
        raise Limited(retry_after=start + window - now)
