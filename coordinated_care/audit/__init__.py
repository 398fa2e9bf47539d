"""The audit trail (ADR 6). What other apps use:

    from coordinated_care import audit

    audit.register(Model, enrolment=lambda obj: obj.enrolment_id, exclude=("token_hash",))
    with audit.acting_as(user_or_label): ...      # who acts, outside a request
    with audit.with_note({"reason": "..."}): ...  # kept with every event recorded in the block
    audit.record(obj, "create" | "change" | "delete", before=audit.snapshot(obj))  # writes signals miss
    audit.redact_events(...), audit.record_redaction(...)  # removing an identifier (ADR 12)

Nothing here imports a model, so apps may import it at the top of any module.
"""

from .context import acting_as, current_actor, with_note
from .exceptions import AuditError
from .recorder import CHANGE, CREATE, DELETE, record, snapshot
from .registry import register, registration_for


def redact_events(*, enrolment_id, replace, belongs=None, using="default"):
    """Rewrite the portfolio's events holding a text being redacted; returns vouchers (ADR 12)."""
    from .redaction import redact_events as rewrite

    return rewrite(enrolment_id=enrolment_id, replace=replace, belongs=belongs, using=using)


def record_redaction(instance, *, fields, reason, vouchers, using="default"):
    """The redaction's own event: who, when, which fields, why, and the vouchers (ADR 12)."""
    from .redaction import record_redaction as record_it

    return record_it(instance, fields=fields, reason=reason, vouchers=vouchers, using=using)


def history_url(obj):
    """Where the history of `obj` is shown."""
    from django.urls import reverse

    return reverse("audit:history", args=[obj._meta.label_lower, obj.pk])


__all__ = [
    "CHANGE",
    "CREATE",
    "DELETE",
    "AuditError",
    "acting_as",
    "current_actor",
    "history_url",
    "record",
    "record_redaction",
    "redact_events",
    "register",
    "registration_for",
    "snapshot",
    "with_note",
]
