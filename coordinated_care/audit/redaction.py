"""Rewriting the audit trail's own copies of a text a redaction removed (ADR 12).

Events are append-only and their hashes cover what they say, so removing an identifier from the
history breaks those hashes. The app that holds the text decides what to replace (`replace`, a
function of a string); this module rewrites the events of one portfolio that hold it, with the
append-only triggers lifted inside the caller's transaction only, and returns a voucher for each:
[event id, SHA-256 of its object label, before, after and note as now stored]. The caller files
the vouchers in the note of the redaction's own event (`record_redaction`), which the chain then
seals like any other; `verify_audit` accepts a rewritten event only with a later voucher matching
its present contents exactly. The chain's links and checkpoints are untouched: every event keeps
its hash."""

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, transaction

from . import triggers
from .recorder import CHANGE, _registration, file_event
from .verify import REDACTION, content_digest

COLUMNS = ("id", "object_label", "before", "after", "note")


def _replaced(value, replace):
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, list):
        return [_replaced(item, replace) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, replace) for key, item in value.items()}
    return value


def redact_events(*, enrolment_id, replace, belongs=None, using="default"):
    """Rewrite every event filed under the enrolment in which `replace` changes a string and, given
    `belongs(event)` (a dict of the event's type, object id, before and after), only the events it
    accepts; returns the vouchers. Call inside the transaction that redacts the records themselves."""
    from .models import AuditEvent

    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("Redact inside transaction.atomic(), with the records redacted.")
    events = AuditEvent.objects.using(using).filter(enrolment_id=enrolment_id).order_by("id")
    types = {}
    rewritten = []
    for row in events.values_list(*COLUMNS, "content_type_id", "object_id").iterator(chunk_size=1000):
        old = dict(zip(COLUMNS, row[: len(COLUMNS)], strict=True))
        if belongs is not None:
            content_type_id, object_id = row[len(COLUMNS) :]
            if content_type_id not in types:
                content_type = ContentType.objects.db_manager(using).get_for_id(content_type_id)
                types[content_type_id] = f"{content_type.app_label}.{content_type.model}"
            event = {
                "type": types[content_type_id],
                "object_id": object_id,
                "before": old["before"],
                "after": old["after"],
            }
            if not belongs(event):
                continue
        new = {key: _replaced(old[key], replace) for key in COLUMNS[1:]}
        if any(new[key] != old[key] for key in new):
            rewritten.append((old["id"], new))
    if not rewritten:
        return []
    with transaction.atomic(using=using), triggers.lifted(connection):
        for event_id, new in rewritten:
            # The model's queryset refuses update (models.py); the base queryset is the one way
            # through, taken here alone, with the database's triggers lifted for this transaction.
            models.QuerySet.update(AuditEvent.objects.using(using).filter(pk=event_id), **new)
    stored = AuditEvent.objects.using(using).filter(pk__in=[event_id for event_id, _ in rewritten])
    return [[row[0], content_digest(*row[1:])] for row in stored.order_by("id").values_list(*COLUMNS)]


def record_redaction(instance, *, fields, reason, vouchers, using="default"):
    """The redaction's own event, on the record redacted: who and when (as every event), which
    fields and why, and the vouchers of the events rewritten. Never the text removed."""
    registration = _registration(type(instance))
    return file_event(
        registration,
        action=CHANGE,
        object_id=instance.pk,
        before=None,
        after=None,
        enrolment_id=registration.enrolment_id(instance),
        object_label=registration.object_label(instance),
        using=using,
        note={REDACTION: {"fields": list(fields), "reason": reason, "events": vouchers}},
    )
