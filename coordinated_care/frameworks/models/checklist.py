"""The guide's "Checklist for developing a coordinated care service": a few sections of
questions an employer works through. It belongs to the framework, not to one version, because
it is advice about setting up a service rather than part of the competency model."""

import uuid

from django.db import models

from .framework import Framework


class ChecklistSection(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="checklist_sections")
    code = models.CharField(max_length=20)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="checklist_section_unique_code"),
        ]

    def __str__(self):
        return self.title


class ChecklistItem(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    section = models.ForeignKey(ChecklistSection, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=20, help_text="Section code and position, e.g. 3.2.")
    position = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="checklist_item_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"
