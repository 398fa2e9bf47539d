"""The guide's "Checklist for developing a coordinated care service" (frameworks.ChecklistSection
and ChecklistItem), worked through for one service an organisation is developing: each item's
status, owner, notes and review date. A section the guide gives no items (its text is the
question) is one entry of its own."""

import uuid

from django.db import models
from django.utils import timezone


class Service(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="services")
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "name"]

    def __str__(self):
        return self.name


class ChecklistEntry(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="entries")
    section = models.ForeignKey("frameworks.ChecklistSection", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "frameworks.ChecklistItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(max_length=20, help_text="The item's code, or the section's when it has no items.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    owner = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    review_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["service", "section__position", "item__position"]
        verbose_name_plural = "checklist entries"
        constraints = [models.UniqueConstraint(fields=["service", "code"], name="checklist_entry_unique_code")]

    def __str__(self):
        return f"{self.service}: {self.code}"

    @property
    def text(self):
        return self.item.text if self.item_id else self.section.description
