"""The items of a framework version, as a tree: domains at the top; themes, competencies and
components under them."""

import uuid

from django.db import models
from django.utils import timezone

from coordinated_care.core.versions import DraftOnlyRow, DraftOnlyRowsQuerySet

from .framework import FrameworkVersion, VersionLocked


class FrameworkItemQuerySet(DraftOnlyRowsQuerySet):
    locked_error = VersionLocked
    added_message = "Items can only be added to a draft framework version."
    changed_message = "The items of a published or retired framework version can never change."


class FrameworkItem(DraftOnlyRow, models.Model):
    class Kind(models.TextChoices):
        DOMAIN = "domain", "Domain"
        THEME = "theme", "Theme"
        COMPETENCY = "competency", "Competency"
        COMPONENT = "component", "Component"

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    code = models.CharField(max_length=50, help_text="Stable human code, e.g. COM.3 or REL.1.2.")
    title = models.CharField(max_length=500)
    description = models.TextField(help_text="The full text. Paragraphs are separated by a blank line.")
    notes = models.TextField(blank=True, help_text="Editorial notes, e.g. where the text was mended.")
    position = models.PositiveIntegerField(help_text="Order among the item's siblings, from 1.")
    identifier = models.UUIDField(
        default=uuid.uuid4, help_text="The CASE CFItem identifier; unique within a version, kept by copies."
    )
    lineage = models.UUIDField(
        default=uuid.uuid4,
        db_index=True,
        help_text="The same in every version descended from the one the item first appeared in.",
    )
    last_changed = models.DateTimeField(default=timezone.now)

    objects = FrameworkItemQuerySet.as_manager()

    class Meta:
        ordering = ["version_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "identifier"], name="framework_item_unique_identifier"),
            models.UniqueConstraint(fields=["version", "code"], name="framework_item_unique_code"),
        ]
        indexes = [models.Index(fields=["version", "parent", "position"], name="framework_item_tree")]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def shows_description(self):
        """A component's (or a heading-only competency's) description is its title: say it once."""
        return self.description.strip() != self.title.strip()

    @property
    def paragraphs(self):
        return [part.strip() for part in self.description.split("\n\n") if part.strip()]

    def refuse_unless_draft(self, *, deleting):
        # Read from the database: the version object held in memory may be stale.
        query = models.Q(pk=self.version_id)
        if self.pk is not None:
            query |= models.Q(items__pk=self.pk)
        if FrameworkVersion.objects.filter(query).exclude(status=FrameworkVersion.Status.DRAFT).exists():
            raise VersionLocked("The items of a published or retired framework version can never change.")
