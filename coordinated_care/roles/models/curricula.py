"""A course an education and training provider describes (sessions with learning outcomes), mapped
to the framework ("Using the model: education and training"), so that its coverage of the
competencies can be seen and compared with a role profile."""

import uuid

from django.db import models
from django.utils import timezone


class Course(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    training_provider = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="courses")
    framework_version = models.ForeignKey("frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["training_provider", "title"]

    def __str__(self):
        return self.title


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    learning_outcomes = models.TextField(blank=True, help_text="One a line.")
    items = models.ManyToManyField("frameworks.FrameworkItem", related_name="+", blank=True)

    class Meta:
        ordering = ["course", "position"]

    def __str__(self):
        return f"Session {self.position}: {self.title}"

    @property
    def outcome_lines(self):
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]
