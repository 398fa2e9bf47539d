"""Recording events: by the signals for ordinary saves and deletes (`signals.py`), and by services
through `record` for what signals cannot see: `bulk_create`, `QuerySet.update`, raw SQL."""

from django.core.exceptions import ImproperlyConfigured

from . import values
from .context import current_note
from .registry import registration_for

CREATE, CHANGE, DELETE = "create", "change", "delete"


def _registration(model):
    registration = registration_for(model)
    if registration is None:
        raise ImproperlyConfigured(
            f"{model._meta.label} is not registered with the audit trail: call audit.register() first."
        )
    return registration


def file_event(registration, *, action, object_id, before, after, enrolment_id, object_label, using, note=None):
    """Append one event for a registered model, with the notes of any enclosing `with_note`."""
    from . import chain  # the models are only importable once the apps are loaded

    notes = current_note()
    if note:
        notes = {**(notes or {}), **note}
    return chain.append(
        action=action,
        model=registration.model,
        object_id=object_id,
        object_label=object_label,
        enrolment_id=enrolment_id,
        before=before,
        after=after,
        note=notes,
        using=using,
    )


def snapshot(instance):
    """The recorded fields of `instance` as the audit trail keeps them. Take one before changing
    rows behind the ORM's back (QuerySet.update) and pass it to `record(..., before=...)`."""
    registration = _registration(type(instance))
    return values.snapshot(registration.fields, instance)


def record(instance, action, *, before=None, after=None, note=None, using=None):
    """Record a create, change or delete of a registered model's `instance` in the current
    transaction, for writes that send no signals. Returns the event, or None for a change that
    changed nothing.

    - create: `after` defaults to the instance as it is now.
    - change: `before` is required (a `snapshot` taken before the change); `after` defaults to
      the instance now. Only the fields that differ are kept.
    - delete: `before` defaults to the instance as it is now (call it before the row goes).
    """
    registration = _registration(type(instance))
    using = using or instance._state.db or "default"
    if action == CREATE:
        before, after = None, after if after is not None else values.snapshot(registration.fields, instance)
    elif action == DELETE:
        before, after = before if before is not None else values.snapshot(registration.fields, instance), None
    elif action == CHANGE:
        if before is None:
            raise ValueError("A change needs before=: take audit.snapshot(instance) before changing it.")
        now = after if after is not None else values.snapshot(registration.fields, instance)
        before, after = values.changes(before, {**before, **now}, ignore=registration.automatic)
        if not before and not after:
            return None
    else:
        raise ValueError(f"action is one of {CREATE}, {CHANGE} or {DELETE}, not {action!r}.")
    return file_event(
        registration,
        action=action,
        object_id=instance.pk,
        before=before,
        after=after,
        enrolment_id=registration.enrolment_id(instance),
        object_label=registration.object_label(instance),
        using=using,
        note=note,
    )
