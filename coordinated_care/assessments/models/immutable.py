"""Records that, once written, are never changed or removed: signatures, the decisions they sign,
the evidence versions they bind and their withdrawals. A change is made by appending a new record.

The guard is in the code so that it holds on SQLite as on PostgreSQL (ADR 4): `save()` only ever
inserts, and neither an instance nor a queryset can be updated or deleted. Rows changed behind the
application's back are caught by the signature's hash and seal (ADR 7) and by the audit trail."""

from django.db import models


class ImmutableRecord(Exception):
    """Someone tried to change or remove a record that may only be appended to."""


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecord(f"{self.model.__name__} records cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableRecord(f"{self.model.__name__} records cannot be changed.")

    def delete(self):
        raise ImmutableRecord(f"{self.model.__name__} records cannot be removed.")

    delete.queryset_only = True


class ImmutableModel(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord(f"{type(self).__name__} records cannot be changed once written.")
        kwargs["force_insert"] = True
        kwargs.pop("update_fields", None)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord(f"{type(self).__name__} records cannot be removed.")
