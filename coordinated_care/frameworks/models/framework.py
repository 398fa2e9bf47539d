"""A framework and its versions. A version is a draft until it is published; from then on its
content is fixed for good, because portfolios and programme criteria point at its items."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

# Slugs that would collide with the app's own URLs under /framework/.
RESERVED_SLUGS = frozenset({"search"})


def validate_slug_is_free(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}” is part of the framework pages' own addresses; choose another slug.")


class VersionLocked(Exception):
    """A change was asked of a version (or one of its items) that is published or retired."""


class Framework(models.Model):
    slug = models.SlugField(max_length=100, unique=True, validators=[validate_slug_is_free])
    title = models.CharField(max_length=300)
    creator = models.CharField(max_length=300, help_text="Who wrote the framework (CASE creator).")
    publisher = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    language = models.CharField(max_length=35, default="en")
    notes = models.TextField(blank=True, help_text="Source, edition and licence.")
    checklist_title = models.CharField(max_length=300, blank=True)
    checklist_introduction = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class FrameworkVersionQuerySet(models.QuerySet):
    # Bulk operations skip save() and delete(), so they carry the same rule.
    def update(self, **kwargs):
        self._refuse_if_any_locked("change")
        return super().update(**kwargs)

    def delete(self):
        self._refuse_if_any_locked("delete")
        return super().delete()

    def _refuse_if_any_locked(self, verb):
        if self.exclude(status=FrameworkVersion.Status.DRAFT).exists():
            raise VersionLocked(f"Cannot {verb} a published or retired framework version.")

    def published(self):
        return self.filter(status=FrameworkVersion.Status.PUBLISHED)


class FrameworkVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    # Once published, only these may still change, and only forwards (published → retired).
    _MUTABLE_WHEN_PUBLISHED = frozenset({"status", "retired_at"})

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    uuid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="The CASE CFDocument identifier."
    )
    last_changed = models.DateTimeField(
        default=timezone.now, help_text="When the content last changed (CASE lastChangeDateTime)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="framework_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.framework} (version {self.number})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self._refuse_locked_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored is not None and stored != self.Status.DRAFT:
            raise VersionLocked(f"{self} is {stored} and cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def label(self):
        return f"Version {self.number}"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def _refuse_locked_change(self):
        # Compared with the stored row, not this instance, which may be stale.
        fields = [f.attname for f in self._meta.concrete_fields if not f.primary_key]
        stored = type(self).objects.filter(pk=self.pk).values(*fields).first()
        if stored is None or stored["status"] == self.Status.DRAFT:
            return
        changed = {name for name in fields if stored[name] != getattr(self, name)}
        allowed_forward = stored["status"] == self.Status.PUBLISHED and self.status in (
            self.Status.PUBLISHED,
            self.Status.RETIRED,
        )
        if changed - self._MUTABLE_WHEN_PUBLISHED or (changed and not allowed_forward):
            raise VersionLocked(f"{self} is {stored['status']}: its content can never change.")
