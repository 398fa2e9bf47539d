"""Recording saves and deletes of registered models as they happen, in the same transaction.

- pre_save reads the row as the database holds it (the "before"; the instance in memory may be
  stale) and refuses a write outside a transaction, before anything is written.
- post_save records a create with every field, or a change with the fields that differ.
- pre_delete files the event (enrolment, label) while related rows still exist; post_delete
  records the row as it was. Django runs deletes, cascades included, inside a transaction.
- m2m_changed records a change of the many-to-many field on each object whose links changed.

Not seen by signals, so recorded by the caller with `audit.record` or not at all: bulk_create,
QuerySet.update, raw SQL, and the SET_NULL updates of a cascade. Fixture loading (raw saves) is
not recorded.
"""

from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from . import values
from .exceptions import AuditError
from .recorder import CHANGE, CREATE, DELETE, file_event
from .registry import registration_for

HANDLERS = (
    (pre_save, "_pre_save"),
    (post_save, "_post_save"),
    (pre_delete, "_pre_delete"),
    (post_delete, "_post_delete"),
)


def connect(registration):
    label = registration.model._meta.label
    for signal, name in HANDLERS:
        signal.connect(globals()[name], sender=registration.model, dispatch_uid=f"audit:{name}:{label}")
    for field in registration.many_to_many:
        uid = f"audit:m2m:{label}.{field.name}"
        m2m_changed.connect(_m2m_changed, sender=field.remote_field.through, dispatch_uid=uid)


def disconnect(registration):
    label = registration.model._meta.label
    for signal, name in HANDLERS:
        signal.disconnect(sender=registration.model, dispatch_uid=f"audit:{name}:{label}")
    for field in registration.many_to_many:
        m2m_changed.disconnect(sender=field.remote_field.through, dispatch_uid=f"audit:m2m:{label}.{field.name}")


def _pre_save(sender, instance, raw, using, **kwargs):
    if raw:
        return
    if not connections[using].in_atomic_block:
        raise AuditError(
            f"{sender._meta.label} is audited: save it inside transaction.atomic(), so that the change "
            "and its audit event commit or roll back together."
        )
    registration = registration_for(sender)
    pk_field = sender._meta.pk
    # The same test Django makes to go straight to INSERT: nothing to read.
    if instance._state.adding and (instance.pk is None or pk_field.has_default() or pk_field.has_db_default()):
        instance._audit_before = None
    else:
        instance._audit_before = values.stored_row(registration.fields, sender, instance.pk, using)


def _post_save(sender, instance, created, raw, using, update_fields, **kwargs):
    if raw:
        return
    registration = registration_for(sender)
    before = instance.__dict__.pop("_audit_before", None)
    now = values.snapshot(registration.fields, instance)
    if created or before is None:
        action, before, after = CREATE, None, now
    else:
        if update_fields is not None:
            # Only these were written; the rest of the instance may differ from the row.
            now = {f.name: now[f.name] for f in registration.fields if f.name in now and _in(f, update_fields)}
        before, after = values.changes(before, {**before, **now}, ignore=registration.automatic)
        if not before and not after:
            return
        action = CHANGE
    file_event(
        registration,
        action=action,
        object_id=instance.pk,
        before=before,
        after=after,
        enrolment_id=registration.enrolment_id(instance),
        object_label=registration.object_label(instance),
        using=using,
    )


def _in(field, update_fields):
    return field.name in update_fields or field.attname in update_fields


def _pre_delete(sender, instance, using, **kwargs):
    registration = registration_for(sender)
    instance._audit_filing = (registration.enrolment_id(instance), registration.object_label(instance))


def _post_delete(sender, instance, using, **kwargs):
    registration = registration_for(sender)
    enrolment_id, label = instance.__dict__.pop("_audit_filing", None) or (
        registration.enrolment_id(instance),
        registration.object_label(instance),
    )
    file_event(
        registration,
        action=DELETE,
        object_id=instance.pk,
        before=values.snapshot(registration.fields, instance),
        after=None,
        enrolment_id=enrolment_id,
        object_label=label,
        using=using,
    )


def _m2m_changed(sender, instance, action, reverse, model, pk_set, using, **kwargs):
    """Before the links change, read them for every object whose links will change; afterwards,
    read them again and record a change on each object where they differ. From the other side
    (`reverse`), the objects changed are the registered ones named in pk_set."""
    phase, _, kind = action.partition("_")
    owner_model = model if reverse else type(instance)
    registration = registration_for(owner_model)
    field = registration and next((f for f in registration.many_to_many if f.remote_field.through is sender), None)
    if field is None:
        return
    source = sender._meta.get_field(field.m2m_field_name()).attname
    target = sender._meta.get_field(field.m2m_reverse_field_name()).attname
    pending = instance.__dict__.setdefault("_audit_m2m", {})
    if phase == "pre":
        if not reverse:
            owners = [instance.pk]
        elif pk_set is not None:
            owners = list(pk_set)
        else:  # clear from the other side: everything linked to this instance
            linked = sender._base_manager.using(using).filter(**{target: instance.pk})
            owners = list(linked.values_list(source, flat=True))
        pending[(sender, kind)] = (owners, _links(sender, source, target, owners, using))
        return
    owners, before = pending.pop((sender, kind), (None, None))
    if not owners:
        return
    after = _links(sender, source, target, owners, using)
    objects = {instance.pk: instance} if not reverse else owner_model._base_manager.using(using).in_bulk(owners)
    for pk in owners:
        old, new = before.get(pk, []), after.get(pk, [])
        if old == new or pk not in objects:
            continue
        file_event(
            registration,
            action=CHANGE,
            object_id=pk,
            before={field.name: old},
            after={field.name: new},
            enrolment_id=registration.enrolment_id(objects[pk]),
            object_label=registration.object_label(objects[pk]),
            using=using,
        )


def _links(through, source, target, owners, using):
    """{owner pk: sorted list of linked pks} for the given owners."""
    links = {}
    rows = through._base_manager.using(using).filter(**{f"{source}__in": owners}).values_list(source, target)
    for owner, linked in rows:
        links.setdefault(owner, []).append(values.scalar(linked))
    return {owner: sorted(linked) for owner, linked in links.items()}
