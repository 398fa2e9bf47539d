"""Reviews held by the learner and their facilitator: the initial discussion, progress reviews and
the final review. A review is written by both sides (each field belongs to one side, or both), then
signed by the learner, the facilitator and, where used, an additional signatory. Saves carry
the version they were made on, so a stale copy never overwrites a newer one."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Review(models.Model):
    class Kind(models.TextChoices):
        INITIAL = "initial", "Initial discussion"
        PROGRESS = "progress", "Progress review"
        FINAL = "final", "Final review"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    held_on = models.DateField(null=True, blank=True)
    content = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["enrolment", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind"],
                condition=Q(kind__in=["initial", "final"]),
                name="review_one_initial_one_final",
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "kind", "held_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.enrolment}"
