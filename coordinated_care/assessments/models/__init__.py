from .caseload import LastLooked
from .immutable import ImmutableRecord
from .invitations import Invitation
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
    "Review",
    "SignOffRequest",
    "Signature",
    "SignatureWithdrawal",
    "SignedEvidence",
    "SignedFile",
]
