from .invitations import CodeForm, InvitationSignForm
from .reviews import InviteForm, ReviewForm, SignReviewForm
from .sign_offs import DecisionForm, ReconfirmForm, SignDecisionForm, SignOffRequestForm, WithdrawForm

__all__ = [
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
