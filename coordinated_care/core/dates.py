"""How dates and times are written, on every page and in every e-mail: the Jinja filters `date`,
`datetime` and `utc` (config/jinja2.py), and the presenters, call these.

    date(value)               15 March 2026
    datetime(value)           15 March 2026 at 2:05pm        in the service's time zone (NHS style)
    utc(value)                15 March 2026 at 14:05 UTC     signatures and records, where the zone matters
    utc(value, seconds=True)  15 March 2026 at 14:05:09 UTC  the audit trail

Each gives "" for None, so a template need not test first. A moment given to `date` is the day it
was in the service's time zone. The day has no leading zero on any platform (`%-d` is glibc's).
"""

import datetime as dt

from django.utils import timezone


def _day(value):
    return f"{value.day} {value:%B %Y}"


def _local(value):
    return timezone.localtime(value) if isinstance(value, dt.datetime) and timezone.is_aware(value) else value


def date(value):
    if value is None or value == "":
        return ""
    return _day(_local(value))


def datetime(value):
    if value is None or value == "":
        return ""
    local = _local(value)
    hour = local.hour % 12 or 12
    return f"{_day(local)} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def utc(value, seconds=False):
    if value is None or value == "":
        return ""
    moment = value.astimezone(dt.UTC)
    clock = f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"
    return f"{_day(moment)} at {clock} UTC"
