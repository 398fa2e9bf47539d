"""The audit trail (ADR 6). What other apps use:

    from coordinated_care import audit

    audit.register(Model, enrolment=lambda obj: obj.enrolment_id, exclude=("token_hash",))
    with audit.acting_as(user_or_label): ...      # who acts, outside a request
    with audit.with_note({"reason": "..."}): ...  # kept with every event recorded in the block
    audit.record(obj, "create" | "change" | "delete", before=audit.snapshot(obj))  # writes signals miss

Nothing here imports a model, so apps may import it at the top of any module.
"""

from .context import acting_as, current_actor, with_note
from .exceptions import AuditError
from .recorder import CHANGE, CREATE, DELETE, record, snapshot
from .registry import register, registration_for


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
    "register",
    "registration_for",
    "snapshot",
    "with_note",
]
