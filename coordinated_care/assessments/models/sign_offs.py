"""Asking for a criterion to be assessed, and the facilitator's decision on it.

A learner's request puts forward some of the evidence linked to a criterion. The assigned
facilitator answers it with one decision (an `Assessment`): achieved, a development need with
agreed actions, or the learner's critical reflection on the shortfall, agreed with the supervisor.
The decision is signed and never changed; the evidence versions it was made on are kept with it."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .immutable import ImmutableModel


class SignOffRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Waiting for sign-off"
        DECIDED = "decided", "Decided"
        CANCELLED = "cancelled", "Cancelled"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="sign_off_requests")
    criterion = models.ForeignKey("programmes.Criterion", on_delete=models.PROTECT, related_name="+")
    # The entries put forward, each linked to the criterion when the request was made.
    evidence = models.ManyToManyField("portfolios.Entry", related_name="+", blank=True)
    note = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "criterion"], condition=Q(status="open"), name="sign_off_request_one_open"
            ),
        ]
        indexes = [
            models.Index(fields=["enrolment", "criterion", "requested_at"]),
            models.Index(fields=["status", "requested_at"]),
        ]

    def __str__(self):
        return f"Sign-off of {self.criterion.code} for {self.enrolment}"


class Assessment(ImmutableModel):
    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", "Achieved"
        DEVELOPMENT_NEED = "development_need", "Development need"
        REFLECTION_ACCEPTED = "reflection_accepted", "Critical reflection on the shortfall accepted"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.OneToOneField(SignOffRequest, on_delete=models.PROTECT, related_name="assessment")
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="assessments")
    criterion = models.ForeignKey("programmes.Criterion", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=32, choices=Outcome.choices)
    comments = models.TextField("comments and rationale")
    achieved_on = models.DateField(null=True, blank=True)
    # Where the learner could not show the criterion: their reflection, agreed with the supervisor.
    reflection = models.TextField(blank=True)
    agreed_with_supervisor = models.CharField(max_length=200, blank=True)
    # The PD asks comments to acknowledge learners exceeding expectations for their stage in
    # practice: said explicitly on an achieved sign-off, with an optional comment.
    exceeds_expectations = models.BooleanField(default=False)
    exceeding_comment = models.TextField(blank=True)
    # A decision re-confirmed by its facilitator after the evidence changed in a way that does not
    # alter what was assessed: the earlier decision, whose signature no longer stands.
    reconfirms = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reconfirmed_by"
    )
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["enrolment", "criterion"])]

    def __str__(self):
        return f"{self.criterion.code}: {self.get_outcome_display()}"


class SignedEvidence(ImmutableModel):
    """One evidence version an assessment was made on. Kept by the entry's uuid, not a foreign
    key, so that it outlives the entry: a deleted entry shows as changed evidence."""

    # Subject formats (ADR 7, ADR 11): 1 bound the entry's version only; 2 also binds the claim of
    # how it shows the criterion and the SHA-256 of every file attached, each checked on read.
    # Rows of format 1 stay checked as they were signed.
    FORMAT_VERSION_ONLY = 1
    FORMAT_WITH_CLAIMS_AND_FILES = 2

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="signed_evidence")
    entry_uuid = models.UUIDField()
    version_number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    subject_format = models.PositiveSmallIntegerField(default=FORMAT_VERSION_ONLY)
    # SHA-256 of the "how this shows it" claim signed (format 2).
    claim_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["assessment", "title"]
        indexes = [models.Index(fields=["entry_uuid"])]

    def __str__(self):
        return f"{self.title} (version {self.version_number})"


class SignedFile(ImmutableModel):
    """A file attached to signed evidence (subject format 2), by the attachment's uuid and the
    SHA-256 of its bytes. The attachment is marked `signed`, so it is never deleted."""

    evidence = models.ForeignKey(SignedEvidence, on_delete=models.PROTECT, related_name="files")
    entry_uuid = models.UUIDField()
    attachment_uuid = models.UUIDField()
    sha256 = models.CharField(max_length=64)
    name = models.CharField(max_length=255)

    class Meta:
        ordering = ["evidence", "name"]
        indexes = [models.Index(fields=["attachment_uuid"])]

    def __str__(self):
        return self.name


class AgreedAction(ImmutableModel):
    """An action of the learner's action plan agreed with the facilitator for a development need,
    and written into the plan by the facilitator on the learner's behalf."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="agreed_actions")
    entry_uuid = models.UUIDField()
    title = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["assessment", "position"]
        indexes = [models.Index(fields=["entry_uuid"])]

    def __str__(self):
        return self.title
