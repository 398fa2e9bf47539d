"""A role profile is an organisation's selection from a framework version used as a menu: the
competencies and components a local role needs, each essential or desirable, at a level, tested in
some way. Like a framework, a profile is versioned: a version is a draft until it is published and
never changes afterwards, because the documents handed to candidates and staff name it."""

import uuid

from django.db import models
from django.utils import timezone

from coordinated_care.core.versions import DraftOnlyRow, DraftOnlyRowsQuerySet


class VersionLocked(Exception):
    """A change was asked of a published role profile version, or of one of its picks."""


class Priority(models.TextChoices):
    ESSENTIAL = "essential", "Essential"
    DESIRABLE = "desirable", "Desirable"


class Level(models.TextChoices):
    # In rising order; LevelDescriptor holds what each means, which administrators may edit.
    AWARE = "aware", "Aware"
    PRACTISING = "practising", "Practising"
    LEADING = "leading", "Leading"


# How a pick is tested, in the order documents and files list them.
TESTED_BY = (("application", "At application"), ("interview", "At interview"), ("in post", "In post"))


class RoleProfile(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="role_profiles")
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="role_profiles_created"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.slug


class RoleProfileVersionQuerySet(models.QuerySet):
    # Bulk operations skip save() and delete(), so they carry the same rule.
    def update(self, **kwargs):
        if self.exclude(status=RoleProfileVersion.Status.DRAFT).exists():
            raise VersionLocked("A published role profile version can never change.")
        return super().update(**kwargs)

    def delete(self):
        if self.exclude(status=RoleProfileVersion.Status.DRAFT).exists():
            raise VersionLocked("A published role profile version cannot be deleted.")
        return super().delete()


class RoleProfileVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="role_profile_versions"
    )
    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True, help_text="Why the role exists, in a few sentences.")
    setting = models.CharField(max_length=200, blank=True, help_text="Where the role works, e.g. a GP practice.")
    band = models.CharField(max_length=100, blank=True, help_text="Pay band or grade, e.g. Agenda for Change band 4.")
    hours = models.CharField(max_length=100, blank=True, help_text="e.g. 37.5 hours a week.")
    duties = models.TextField(blank=True, help_text="Local duties, one a line.")
    based_on = models.CharField(
        max_length=300, blank=True, help_text="What this profile was first copied from, e.g. a starting point."
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = RoleProfileVersionQuerySet.as_manager()

    class Meta:
        ordering = ["profile", "number"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="role_profile_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.title} (version {self.number})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == self.Status.PUBLISHED:
                raise VersionLocked(f"{self} is published: it can never change.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored == self.Status.PUBLISHED:
            raise VersionLocked(f"{self} is published and cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def label(self):
        state = "draft" if self.is_draft else f"published {timezone.localdate(self.published_at):%-d %B %Y}"
        return f"Version {self.number} ({state})"

    @property
    def duty_lines(self):
        return [line.strip() for line in self.duties.splitlines() if line.strip()]


class PickQuerySet(DraftOnlyRowsQuerySet):
    locked_error = VersionLocked
    added_message = "Picks can only be added to a draft role profile version."
    changed_message = "The picks of a published role profile version can never change."


class Pick(DraftOnlyRow, models.Model):
    """One competency or component of the framework version, as this role needs it."""

    version = models.ForeignKey(RoleProfileVersion, on_delete=models.CASCADE, related_name="picks")
    item = models.ForeignKey("frameworks.FrameworkItem", on_delete=models.PROTECT, related_name="role_picks")
    priority = models.CharField(max_length=16, choices=Priority.choices)
    level = models.CharField(max_length=16, choices=Level.choices)
    at_application = models.BooleanField(default=False)
    at_interview = models.BooleanField(default=False)
    in_post = models.BooleanField(default=False)

    objects = PickQuerySet.as_manager()

    class Meta:
        ordering = ["version", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "item"], name="role_pick_unique_item"),
        ]

    def __str__(self):
        return f"{self.item.code} ({self.priority}, {self.level})"

    @property
    def tested_by(self):
        flags = {"application": self.at_application, "interview": self.at_interview, "in post": self.in_post}
        return [value for value, _ in TESTED_BY if flags[value]]

    @property
    def tested_by_text(self):
        labels = dict(TESTED_BY)
        return ", ".join(labels[value] for value in self.tested_by).capitalize() or "Not tested"

    def refuse_unless_draft(self, *, deleting):
        status = RoleProfileVersion.objects.filter(pk=self.version_id).values_list("status", flat=True).first()
        if status == RoleProfileVersion.Status.PUBLISHED:
            raise VersionLocked("The picks of a published role profile version can never change.")
