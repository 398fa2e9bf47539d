from .invitations import CodeForm, InvitationSignForm
from .reviews import InviteForm, ReviewForm, SignReviewForm
from .sign_offs import CancelForm, DecisionForm, ReconfirmForm, SignDecisionForm, SignOffRequestForm, WithdrawForm

__all__ = [
    "CancelForm",
    "CodeForm",
    "DecisionForm",
    "InvitationSignForm",
    "InviteForm",
    "ReconfirmForm",
    "ReviewForm",
    "SignDecisionForm",
    "SignOffRequestForm",
    "SignReviewForm",
    "WithdrawForm",
]
