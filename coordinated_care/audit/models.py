"""The audit trail: one row per create, change or delete of a record that matters (portfolio and
assessment data), append-only and hash-chained (ADR 6).

Rows are only ever added, by `chain.append`. Python refuses to save an existing row or to delete
one; the database refuses UPDATE and DELETE as well (triggers, see `triggers.py`), so a change
made by hand in SQL is refused, and one made with the triggers removed is found by `verify_audit`.
"""

from django.conf import settings
from django.db import models

from .exceptions import AuditError


class AuditEventQuerySet(models.QuerySet):
    # Bulk paths would bypass the model's refusal (and bulk_create the chain), so they refuse too.
    def update(self, **kwargs):
        raise AuditError("Audit events cannot be changed.")

    def delete(self):
        raise AuditError("Audit events cannot be deleted.")

    def bulk_create(self, *args, **kwargs):
        raise AuditError("Audit events are added one at a time, by the audit chain.")

    def bulk_update(self, *args, **kwargs):
        raise AuditError("Audit events cannot be changed.")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"

    occurred_at = models.DateTimeField()
    # The actor and the enrolment are references, not constraints: a row must outlive the person
    # or the portfolio it mentions (a deleted enrolment's own delete event names it), and a
    # constraint's ON DELETE would have to update rows that must never change. The label keeps
    # who it was, as they were named at the time.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=8, choices=Action.choices)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=200, blank=True)
    enrolment = models.ForeignKey(
        "programmes.Enrolment",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.JSONField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "id"], name="audit_event_object"),
            models.Index(fields=["enrolment", "id"], name="audit_event_enrolment"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.action} {self.object_label or self.object_id} by {self.actor_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditError(f"Audit event #{self.pk} cannot be changed.")
        if not self.hash:
            raise AuditError("Audit events are added by the audit chain (coordinated_care.audit.chain.append).")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditError(f"Audit event #{self.pk} cannot be deleted.")


class AuditChainHead(models.Model):
    """The end of the chain: one row, locked by every append so that two transactions cannot both
    chain onto the same event. It also lets `verify_audit` notice events removed from the end."""

    last_event_id = models.BigIntegerField(null=True)
    hash = models.CharField(max_length=64)
    # HMAC of (last event id, hash) under AUDIT_SEAL_KEY, which is not in the database, and the id
    # of the key that made it (seal.py, ADR 11): a chain rewritten with recomputed hashes cannot
    # be given a head that verifies.
    seal = models.CharField(max_length=64, blank=True)
    key_id = models.CharField(max_length=16, blank=True)

    def __str__(self):
        return f"audit chain head at #{self.last_event_id}"
