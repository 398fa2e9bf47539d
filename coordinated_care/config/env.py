"""Strict reading of settings from the environment.

A malformed value stops the service at start-up instead of being guessed at: a typo in
DEBUG must never turn debugging on in production.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    """A string from NAME, or from the file named by NAME_FILE (for mounted secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            with open(file_name, encoding="utf-8") as handle:
                return handle.read().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE names {file_name!r}, which cannot be read: {error}") from error
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use true or false.")


def env_int(name, default, *, minimum=None, maximum=None):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} must be at least {minimum}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name}={value!r} must be at most {maximum}.")
    return number


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_rate_limits(name, default):
    """Rate limits as SCOPE=REQUESTS/SECONDS pairs, separated by commas ("address=60/600,token=20/3600"),
    over `default`, a dict of scope to (requests, seconds): scopes not named keep their default."""
    limits = dict(default)
    for item in env_list(name):
        scope, _, rate = item.partition("=")
        requests, _, seconds = rate.partition("/")
        scope = scope.strip()
        if scope not in default or not requests.strip().isdigit() or not seconds.strip().isdigit():
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not SCOPE=REQUESTS/SECONDS with a scope of {', '.join(sorted(default))}."
            )
        if int(seconds) < 1:
            raise ImproperlyConfigured(f"{name}: {item!r} needs a window of at least one second.")
        limits[scope] = (int(requests), int(seconds))
    return limits


def env_choice(name, default, choices):
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r}: use one of {', '.join(sorted(choices))}.")
    return value
