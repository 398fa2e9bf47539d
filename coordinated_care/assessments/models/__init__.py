from .caseload import LastLooked
from .feedback_summaries import SignedFeedbackSummary
from .immutable import ImmutableRecord
from .invitations import Invitation
from .record_signatures import RecordComment, ShortfallReflection
from .reviews import Review
from .sign_offs import AgreedAction, Assessment, SignedEvidence, SignedFile, SignOffRequest
from .signatures import Capacity, FailedReauthentication, Meaning, Signature, SignatureWithdrawal

__all__ = [
    "AgreedAction",
    "Assessment",
    "Capacity",
    "FailedReauthentication",
    "ImmutableRecord",
    "Invitation",
    "LastLooked",
    "Meaning",
    "RecordComment",
    "Review",
    "ShortfallReflection",
    "SignOffRequest",
    "Signature",
    "SignatureWithdrawal",
    "SignedFeedbackSummary",
    "SignedEvidence",
    "SignedFile",
]
