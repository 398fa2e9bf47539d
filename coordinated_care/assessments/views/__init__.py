from .caseload import caseload
from .invitations import code as invitation_code
from .invitations import done as invitation_done
from .invitations import landing as invitation
from .invitations import sign as invitation_sign
from .record_signatures import record_comment, reflection, reflection_sign, reflection_write
from .reviews import cancel_invitation, invite, review, reviews
from .reviews import edit as review_edit
from .reviews import sign as review_sign
from .sign_offs import ask, cancel, changes, request_detail, withdraw

__all__ = [
    "ask",
    "cancel",
    "cancel_invitation",
    "changes",
    "caseload",
    "invitation",
    "invitation_code",
    "invitation_done",
    "invitation_sign",
    "invite",
    "record_comment",
    "reflection",
    "reflection_sign",
    "reflection_write",
    "request_detail",
    "review",
    "review_edit",
    "review_sign",
    "reviews",
    "withdraw",
]
