"""Events in plain words: "Changed by Sam Jones, 3 March 2026 at 14:05:09 UTC", and for each
field that changed, its name as the model calls it and its values before and after, written as a
person would read them (dates as dates, choices by their label, linked records by their title).

Linked records are named with one query per kind of record on the page, whatever the number of
events: the ids are gathered first, then each kind is looked up once.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models

from coordinated_care.core import dates

from .models import AuditEvent
from .verify import REDACTION

EMPTY = "Not set"
# The fields that name a record well enough, in order of preference; "code" goes before them.
NAMING_FIELDS = ("full_name", "title", "name", "theme", "original_name")
ACTION_WORDS = {"create": "Created", "change": "Changed", "delete": "Deleted"}


def when(moment):
    return dates.utc(moment, seconds=True)


def describe(events):
    """One dict per event for the history template, newest first as given."""
    type_ids = {event.content_type_id for event in events}
    models_by_type = {ct_id: ContentType.objects.get_for_id(ct_id).model_class() for ct_id in type_ids}
    names = _linked_names(events, models_by_type)
    return [_describe(event, models_by_type[event.content_type_id], names) for event in events]


def _describe(event, model, names):
    kind = model._meta.verbose_name.capitalize() if model else "Record"
    fields = _field_map(model)
    if event.action == "change":
        rows = _change_rows(event.before or {}, event.after or {}, fields, names)
    else:
        values = event.after if event.action == "create" else event.before
        rows = _held_rows(values or {}, fields, names)
    note = dict(event.note or {})
    redaction = note.pop(REDACTION, None)
    summary = f"{ACTION_WORDS.get(event.action, event.action)} by {event.actor_label}"
    shown = [{"field": _humanise(key), "value": _text(value, None, names)} for key, value in note.items()]
    if isinstance(redaction, dict):
        # ADR 12: which parts and why; the vouchers are for verify_audit, not for people.
        summary = f"Patient identifier removed by {event.actor_label}"
        parts = ", ".join(_redacted_part(name, fields) for name in redaction.get("fields", []))
        shown = [
            {"field": "Removed from", "value": parts or "this record"},
            {"field": "Reason", "value": str(redaction.get("reason", ""))},
            *shown,
        ]
    return {
        "id": event.id,
        "action": event.action,
        "summary": summary,
        "when": when(event.occurred_at),
        "kind": kind,
        "object_label": event.object_label or f"{kind} {event.object_id}",
        "rows": rows,
        "note": shown,
    }


def _redacted_part(name, fields):
    """ "content.overview" as the field's words, "how_it_shows.PC1" as "How this shows PC1"."""
    head, _, rest = name.partition(".")
    if head == "how_it_shows":
        return f"How this shows {rest}"
    if head == "content":
        return _humanise(rest)
    return _field_label(name, fields)


def _held_rows(values, fields, names):
    """What a record held when it was created or deleted: the fields that had a value."""
    rows = []
    for name, value in values.items():
        if not _shown(name, fields) or value in (None, "", [], {}):
            continue
        if isinstance(value, dict):
            label = _field_label(name, fields)
            rows += [
                _row(f"{label}: {_humanise(k).lower()}", "", _text(v, None, names))
                for k, v in value.items()
                if v not in (None, "")
            ]
            continue
        rows.append(_row(_field_label(name, fields), "", _text(value, fields.get(name), names)))
    return rows


def _change_rows(before, after, fields, names):
    rows = []
    for name in after:
        if not _shown(name, fields):
            continue
        field, old, new = fields.get(name), before.get(name), after.get(name)
        if isinstance(old, dict) and isinstance(new, dict):
            # JSON content (an entry's answers): one row per answer that changed.
            for key in [k for k in {**old, **new} if old.get(k) != new.get(k)]:
                label = f"{_field_label(name, fields)}: {_humanise(key).lower()}"
                rows.append(_row(label, _text(old.get(key), None, names), _text(new.get(key), None, names)))
            continue
        rows.append(_row(_field_label(name, fields), _text(old, field, names), _text(new, field, names)))
    return rows


def _row(field, before, after):
    return {"field": field, "before": before, "after": after}


def _field_map(model):
    if model is None:
        return {}
    return {f.name: f for f in model._meta.get_fields() if f.concrete or f.many_to_many}


def _shown(name, fields):
    """Fields Django fills in itself (ids, timestamps) are kept but not shown; nor is the
    enrolment a record belongs to, which the page is about already."""
    field = fields.get(name)
    if field is None:
        return True
    if not field.editable:
        return False
    related = field.related_model if field.is_relation else None
    return not (related is not None and related is AuditEvent._meta.get_field("enrolment").related_model)


def _field_label(name, fields):
    field = fields.get(name)
    return str(field.verbose_name).capitalize() if field is not None else _humanise(name)


def _humanise(key):
    return str(key).replace("_", " ").strip().capitalize()


def _text(value, field, names):
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if field is not None and field.is_relation and field.related_model is not None:
        related = names.get(field.related_model, {})
        items = value if isinstance(value, list) else [value]
        kind = field.related_model._meta.verbose_name.capitalize()
        return ", ".join(related.get(str(pk), f"{kind} {pk}") for pk in items)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(_text(item, None, names) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{_humanise(k)}: {_text(v, None, names)}" for k, v in value.items())
    if isinstance(field, models.DateTimeField):
        return when(datetime.datetime.fromisoformat(value))
    if isinstance(field, models.DateField) or (isinstance(value, str) and _is_date(value)):
        return dates.date(datetime.date.fromisoformat(value))
    return str(value)


def _is_date(text):
    if len(text) != 10:
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _linked_names(events, models_by_type):
    """{related model: {str(pk): name}} for every linked record named on the page."""
    wanted = {}
    for event in events:
        fields = _field_map(models_by_type[event.content_type_id])
        for values in (event.before or {}, event.after or {}):
            for name, value in values.items():
                field = fields.get(name)
                if field is None or not field.is_relation or field.related_model is None or value in (None, []):
                    continue
                wanted.setdefault(field.related_model, set()).update(value if isinstance(value, list) else [value])
    return {model: _names_of(model, ids) for model, ids in wanted.items()}


def _names_of(model, ids):
    available = {f.name for f in model._meta.concrete_fields}
    naming = next((name for name in NAMING_FIELDS if name in available), None)
    if naming is None:
        return {}
    columns = ["code", naming] if "code" in available else [naming]
    rows = model._base_manager.filter(pk__in=ids).values_list("pk", *columns)
    return {str(pk): " ".join(str(part) for part in parts if part) for pk, *parts in rows}
