"""Signatures on the Portfolio Document's records other than sign-offs and reviews (issue 12).

- The facilitator's comments on a record of interprofessional working (`RecordComment`): the PD
  has "Practice based facilitator comments" and their signature under each record. The comment is
  bound to the entry's version and content hash, kept by the entry's uuid so that it outlives the
  entry; a newer version of the entry shows the signature as changed since signed.
- The learner's critical reflection on a shortfall (`ShortfallReflection`): where they cannot show
  a criterion in practice, the learner writes it, the facilitator agrees it and the workplace
  supervisor confirms it, each with their own signature (`Signature.shortfall_reflection`). The
  reflection carries a version, so that a signature on another version shows as changed.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .immutable import ImmutableModel


class RecordComment(ImmutableModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="record_comments")
    entry_uuid = models.UUIDField()
    version_number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    comments = models.TextField("practice-based facilitator comments")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["entry_uuid", "created_at"])]

    def __str__(self):
        return f"Facilitator comments on {self.title} (version {self.version_number})"


class ShortfallReflection(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        "programmes.Enrolment", on_delete=models.PROTECT, related_name="shortfall_reflections"
    )
    criterion = models.ForeignKey("programmes.Criterion", on_delete=models.PROTECT, related_name="+")
    reflection = models.TextField("critical reflection on the shortfall")
    version = models.PositiveIntegerField(default=1)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "criterion"], name="shortfall_reflection_one_per_criterion")
        ]

    def __str__(self):
        return f"Critical reflection on the shortfall in {self.criterion.code} for {self.enrolment}"
