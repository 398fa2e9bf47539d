"""What of assessment and sign-off the audit trail records: called from AssessmentsConfig.ready()
(ADR 6). Labels cost no query (they run on every save) and never name a patient.

Not recorded, on purpose: LastLooked and FailedReauthentication, bookkeeping of who looked when
and a security counter, not portfolio or assessment data."""

from coordinated_care import audit

from .models import (
    AgreedAction,
    Assessment,
    Invitation,
    RecordComment,
    Review,
    ShortfallReflection,
    Signature,
    SignatureWithdrawal,
    SignedEvidence,
    SignedFeedbackSummary,
    SignedFile,
    SignOffRequest,
)


def register_models():
    # The evidence put forward is a many-to-many field: adding or removing an entry is a change.
    audit.register(SignOffRequest, label=lambda request: f"Sign-off request for criterion {request.criterion.code}")
    audit.register(Assessment)
    audit.register(SignedEvidence, enrolment=lambda signed: signed.assessment.enrolment_id)
    audit.register(SignedFile, enrolment=lambda signed: signed.evidence.assessment.enrolment_id)
    audit.register(AgreedAction, enrolment=lambda action: action.assessment.enrolment_id)
    audit.register(Signature)
    audit.register(SignatureWithdrawal, enrolment=lambda withdrawal: withdrawal.signature.enrolment_id)
    audit.register(Review, label=lambda review: review.get_kind_display())
    audit.register(RecordComment, label=lambda comment: f"Facilitator comments on {comment.title}")
    audit.register(
        SignedFeedbackSummary,
        label=lambda signed: f"Patient feedback summary of {signed.responses} responses",
    )
    audit.register(
        ShortfallReflection,
        label=lambda reflection: f"Critical reflection on the shortfall in {reflection.criterion.code}",
    )
    # The token is kept only hashed, and never here (`token_hash` is a secret by name); the
    # e-mailed code's hash is excluded by name. Who was invited, and when it was used, are kept.
    audit.register(Invitation, exclude=("code_hash",), label=lambda invitation: f"Invitation to {invitation.name}")
