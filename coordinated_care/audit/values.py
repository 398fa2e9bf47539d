"""A record's field values as the audit trail keeps them: plain JSON, the same whichever database
wrote them, so that hashing them again years later gives the same hash.

Foreign keys are kept as the id they point to, files as their stored name, times in UTC. Fields
that hold secrets are never kept (`is_secret`), whatever a registration says.
"""

import datetime
import decimal
import hashlib
import json
import uuid

from django.db import models

# A password hash or a token (even hashed) says nothing a reader of the history needs, and a
# copy of it in an append-only table could never be removed.
SECRET_NAMES = ("password",)
SECRET_PARTS = ("token", "secret")


def is_secret(field_name):
    name = field_name.lower()
    return name in SECRET_NAMES or any(part in name for part in SECRET_PARTS)


def recorded_fields(model, exclude=()):
    """The concrete fields of `model` that are kept: not an automatic primary key (the event names
    the object already), not excluded, not a secret."""
    fields = []
    for field in model._meta.concrete_fields:
        if field.primary_key and isinstance(field, models.AutoField):
            continue
        if field.name in exclude or is_secret(field.name) or is_secret(field.attname):
            continue
        fields.append(field)
    return tuple(fields)


def plain(field, value):
    """One field's value as JSON. `value` is what the model attribute or a values() query holds."""
    if value is None:
        return None
    if isinstance(field, models.FileField):
        return value if isinstance(value, str) else (value.name or "")
    if isinstance(field, models.JSONField):
        return value
    return scalar(value)


def scalar(value):
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return str(value)


def normalised(data):
    """`data` as it will read back from either database's JSON column: tuples become lists, dates
    inside JSON content become strings. Hash what is stored, not what was in memory."""
    if data is None:
        return None
    return json.loads(json.dumps(data, sort_keys=True, default=scalar))


def snapshot(fields, instance):
    """What the instance holds now, for the fields it has loaded (a deferred field is not read:
    it is not being saved either)."""
    loaded = instance.__dict__
    return {field.name: plain(field, getattr(instance, field.attname)) for field in fields if field.attname in loaded}


def stored_row(fields, model, pk, using):
    """The row as the database holds it, or None if there is none."""
    row = model._base_manager.using(using).filter(pk=pk).values(*(f.attname for f in fields)).first()
    if row is None:
        return None
    return {field.name: plain(field, row[field.attname]) for field in fields}


def changes(before, after, ignore=()):
    """The fields whose values differ, as (before, after) dicts of just those fields. Fields in
    `ignore` (timestamps Django sets on every save) are kept when something else changed, but a
    save that changes only them is no change."""
    changed = [name for name in after if name in before and before[name] != after[name]]
    if all(name in ignore for name in changed):
        return {}, {}
    return {name: before[name] for name in changed}, {name: after[name] for name in changed}
