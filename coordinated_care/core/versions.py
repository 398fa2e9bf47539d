"""Rows that belong to a version (a `version` foreign key to a model with `Status.DRAFT`) and may
change only while that version is a draft: framework items, role profile picks. Bulk operations
skip save() and delete(), so the queryset carries the same rule; a row's own save() and delete() ask
`DraftOnlyRow.refuse_unless_draft`."""

from django.db import models


class DraftOnlyRowsQuerySet(models.QuerySet):
    locked_error = Exception  # the app's own "this version is locked" error
    added_message = "Rows can only be added to a draft version."
    changed_message = "The rows of a version that is no longer a draft can never change."

    @property
    def _version_model(self):
        return self.model._meta.get_field("version").related_model

    def update(self, **kwargs):
        self._refuse_if_any_locked()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_if_any_locked()
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        versions = self._version_model.objects.filter(pk__in={obj.version_id for obj in objs})
        if versions.exclude(status=self._version_model.Status.DRAFT).exists():
            raise self.locked_error(self.added_message)
        return super().bulk_create(objs, *args, **kwargs)

    def _refuse_if_any_locked(self):
        if self.exclude(version__status=self._version_model.Status.DRAFT).exists():
            raise self.locked_error(self.changed_message)


class DraftOnlyRow:
    """A model mixin (before models.Model): save() and delete() first call `refuse_unless_draft`,
    which the model writes, reading its version's status from the database (the instance's may be
    stale) and raising its app's locked error."""

    def refuse_unless_draft(self, *, deleting):
        raise NotImplementedError

    def save(self, *args, **kwargs):
        self.refuse_unless_draft(deleting=False)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.refuse_unless_draft(deleting=True)
        return super().delete(*args, **kwargs)
