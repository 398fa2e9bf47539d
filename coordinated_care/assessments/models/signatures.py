"""Electronic signatures (ADR 7). A signature records who signed, in what capacity, when (UTC)
and what their signature means, and is bound to the SHA-256 hash of the exact content signed,
kept beside it as canonical JSON. It is never edited; its signer may withdraw it, which appends a
withdrawal."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .immutable import ImmutableModel


class Meaning(models.TextChoices):
    """What a signature says, in the words shown beside it wherever it appears."""

    ACHIEVED = "achieved", "Achieved"
    DEVELOPMENT_NEED = "development_need", "Development need agreed"
    REFLECTION_ACCEPTED = "reflection_accepted", "Reflection on the shortfall accepted"
    AGREED = "agreed", "Agreed"
    REVIEWED = "reviewed", "Reviewed"
    COUNTERSIGNED = "countersigned", "Countersigned"
    RECORD_COMMENTED = "record_commented", "Facilitator's comments"
    REFLECTION_AGREED = "reflection_agreed", "Critical reflection agreed"
    REFLECTION_CONFIRMED = "reflection_confirmed", "Critical reflection confirmed"
    FEEDBACK_SUMMARY_SIGNED = "feedback_summary_signed", "Patient feedback summary signed"


MEANING_STATEMENTS = {
    Meaning.ACHIEVED: "The learner has achieved this criterion, shown by the evidence listed.",
    Meaning.DEVELOPMENT_NEED: "This criterion is not yet achieved; the development need and actions are agreed.",
    Meaning.REFLECTION_ACCEPTED: (
        "The learner could not show this criterion in practice; their critical reflection on the "
        "shortfall, agreed with their supervisor, is accepted."
    ),
    Meaning.AGREED: "I agree that this is an accurate record of the discussion.",
    Meaning.REVIEWED: "I held this review with the learner and agree that this is an accurate record.",
    Meaning.COUNTERSIGNED: (
        "I took part in this review as an additional signatory and agree that this is an accurate record."
    ),
    Meaning.RECORD_COMMENTED: (
        "I have read this record of interprofessional working as shown, and my comments on it are recorded with it."
    ),
    Meaning.REFLECTION_AGREED: (
        "I agree this critical reflection on the shortfall with the learner, as a record of why the "
        "criterion could not be shown in practice and what they will do."
    ),
    Meaning.REFLECTION_CONFIRMED: (
        "As the learner's workplace supervisor, I confirm this critical reflection on the shortfall was "
        "discussed with me."
    ),
    Meaning.FEEDBACK_SUMMARY_SIGNED: (
        "I have read this summary of the feedback from patients, service users and carers, as shown."
    ),
}


class Capacity(models.TextChoices):
    """Which of the PD's signature boxes a signature fills."""

    LEARNER = "coordinator", "Learner"  # stored as "coordinator", the value signatures were first made with
    FACILITATOR = "facilitator", "Practice-based facilitator"
    ADDITIONAL = "additional", "Additional signatory"
    SUPERVISOR = "supervisor", "Workplace supervisor"


# What a signature may sign, exactly one of them.
SIGNED_THINGS = ("assessment", "review", "record_comment", "shortfall_reflection", "feedback_summary")


def _signs_one_of(things):
    condition = None
    for thing in things:
        only = Q(**{f"{thing}__isnull": False})
        for other in things:
            if other != thing:
                only &= Q(**{f"{other}__isnull": True})
        condition = only if condition is None else condition | only
    return condition


class Signature(ImmutableModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="signatures")
    # What is signed: one decision on a criterion, or one review.
    assessment = models.OneToOneField(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="signature"
    )
    review = models.ForeignKey(
        "assessments.Review", null=True, blank=True, on_delete=models.PROTECT, related_name="signatures"
    )
    # Or the facilitator's comments on an interprofessional record, or a critical reflection on a
    # shortfall (models/record_signatures.py).
    record_comment = models.OneToOneField(
        "assessments.RecordComment", null=True, blank=True, on_delete=models.PROTECT, related_name="signature"
    )
    shortfall_reflection = models.ForeignKey(
        "assessments.ShortfallReflection",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    # Or the patient feedback summary (models/feedback_summaries.py).
    feedback_summary = models.ForeignKey(
        "assessments.SignedFeedbackSummary",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    meaning = models.CharField(max_length=32, choices=Meaning.choices)
    capacity = models.CharField(max_length=16, choices=Capacity.choices)
    # Who signed: a person signed in (re-authenticated), or someone without an account through an
    # invitation, in which case the name, role and registration are theirs as they gave them.
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="signatures"
    )
    invitation = models.OneToOneField(
        "assessments.Invitation", null=True, blank=True, on_delete=models.PROTECT, related_name="signature"
    )
    signer_name = models.CharField("printed name", max_length=200)
    signer_role = models.CharField("role", max_length=200)
    professional_registration = models.CharField(max_length=100, blank=True)
    # A delegate signing as facilitator signs on behalf of the facilitator the enrolment names
    # (ADR 16): who that is, as the payload says it. Empty for everyone else.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="signed_for"
    )
    on_behalf_of_name = models.CharField(max_length=200, blank=True)
    delegation = models.ForeignKey(
        "programmes.Delegation", null=True, blank=True, on_delete=models.PROTECT, related_name="signatures"
    )
    signed_at = models.DateTimeField(default=timezone.now)
    # The canonical JSON signed, byte for byte, its SHA-256 and a keyed seal over that hash.
    payload = models.TextField()
    payload_hash = models.CharField(max_length=64)
    seal = models.CharField(max_length=64)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.CheckConstraint(condition=_signs_one_of(SIGNED_THINGS), name="signature_signs_one_of_its_things"),
            models.CheckConstraint(
                condition=Q(signer__isnull=False) | Q(invitation__isnull=False), name="signature_has_a_signer"
            ),
        ]
        indexes = [models.Index(fields=["signer", "signed_at"])]

    def __str__(self):
        return f"{self.signer_name}, {self.signer_role}: {self.get_meaning_display()}"

    @property
    def on_behalf(self):
        """ "on behalf of <facilitator>" for a delegate's signature, else ""."""
        return f"on behalf of {self.on_behalf_of_name}" if self.on_behalf_of_id else ""

    @property
    def by_invitation(self):
        return self.invitation_id is not None

    @property
    def statement(self):
        return MEANING_STATEMENTS[Meaning(self.meaning)]


class SignatureWithdrawal(ImmutableModel):
    """A signer's withdrawal of their own signature, with their reason. The signature stays."""

    signature = models.OneToOneField(Signature, on_delete=models.PROTECT, related_name="withdrawal")
    reason = models.TextField()
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Withdrawal of {self.signature}"


class FailedReauthentication(models.Model):
    """A wrong password given while signing: counted to slow down guessing (ADR 7)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self):
        return f"Failed re-authentication by {self.user_id} at {self.at:%Y-%m-%d %H:%M}"
