"""The patient feedback summary as signed (issue 12, item 9).

The PD's patient feedback form carries the practice-based facilitator's and the care coordinator's
signatures. Online the answers stay anonymous, so what they sign is the summary: the counts on the
five-point scale for each question, the number of responses and the period they came in. The
summary is computed by the feedback app and handed to this app as plain data (the two apps are on
one level and do not import each other, ADR 10); it is kept here, with its hash, once for each
different summary of a portfolio, and each signature points at the summary it signed. A response
arriving after signing makes a summary with another hash: the signature shows as changed since
signed, and the summary can be signed again."""

import uuid

from django.db import models
from django.utils import timezone

from .immutable import ImmutableModel


class SignedFeedbackSummary(ImmutableModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        "programmes.Enrolment", on_delete=models.PROTECT, related_name="signed_feedback_summaries"
    )
    # Plain data: {"responses", "patients", "carers", "first", "last", "questions": [...]}.
    summary = models.JSONField()
    summary_hash = models.CharField(max_length=64)
    responses = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "summary_hash"], name="signed_feedback_summary_once")
        ]

    def __str__(self):
        return f"Patient feedback summary of {self.responses} responses for {self.enrolment_id}"
