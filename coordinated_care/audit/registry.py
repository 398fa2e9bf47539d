"""Which models the audit trail records, and how to file each of their events: under which
enrolment (which decides who may read it), with which label, without which fields."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models

from . import values


@dataclass(frozen=True)
class Registration:
    model: type
    enrolment: Callable | None
    label: Callable
    fields: tuple
    # (user, object_id) -> bool: who may read the history of an object filed under no enrolment.
    can_read: Callable | None = None
    # Timestamps Django sets on every save: a save that changes only these is no change.
    automatic: frozenset = field(default_factory=frozenset)
    many_to_many: tuple = ()

    def enrolment_id(self, instance):
        if self.enrolment is None:
            return None
        enrolment = self.enrolment(instance)
        return getattr(enrolment, "pk", enrolment)

    def object_label(self, instance):
        return str(self.label(instance))[:200]


_registry = {}


def register(model, *, enrolment=None, exclude=(), label=None, can_read=None):
    """Record every create, change and delete of `model` (and changes to its many-to-many fields).

    - `enrolment`: obj -> Enrolment, its id or None. The history of the object may be read by
      whoever may read that enrolment's portfolio. Defaults to the model's `enrolment` field if
      it has one; without an enrolment only administrators may read the history.
    - `exclude`: field names never to keep (passwords and tokens are never kept anyway).
    - `label`: obj -> a short text naming the object in histories; defaults to str(obj). Keep it
      cheap: it runs on every save.
    - `can_read`: (user, object_id) -> bool, for objects that belong to no enrolment (a cohort's
      workshop): who may read their history. Without it, administrators only.
    """
    if model in _registry:
        raise ImproperlyConfigured(f"{model._meta.label} is already registered with the audit trail.")
    for name in exclude:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist as error:
            raise ImproperlyConfigured(f"{model._meta.label} has no field {name!r} to exclude.") from error
    if enrolment is None:
        enrolment = _default_enrolment(model)
    recorded = values.recorded_fields(model, exclude)
    registration = Registration(
        model=model,
        enrolment=enrolment,
        label=label or str,
        fields=recorded,
        can_read=can_read,
        automatic=frozenset(f.name for f in recorded if getattr(f, "auto_now", False)),
        many_to_many=tuple(
            f for f in model._meta.many_to_many if f.name not in exclude and not values.is_secret(f.name)
        ),
    )
    _registry[model] = registration
    from . import signals  # signals imports this module

    signals.connect(registration)
    return registration


def _default_enrolment(model):
    try:
        field = model._meta.get_field("enrolment")
    except FieldDoesNotExist:
        return None
    if not isinstance(field, models.ForeignKey | models.OneToOneField):
        return None
    attname = field.attname
    return lambda instance: getattr(instance, attname)


def registration_for(model):
    """The model's registration, or None. Proxy models share their concrete model's."""
    registration = _registry.get(model)
    if registration is None and model._meta.proxy:
        registration = _registry.get(model._meta.concrete_model)
    return registration


def unregister(model):
    """For tests that register a model of their own."""
    from . import signals

    registration = _registry.pop(model)
    signals.disconnect(registration)
