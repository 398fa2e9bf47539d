from .invitations import CodeForm, InvitationSignForm
from .reviews import InviteForm, ReviewForm, SignReviewForm
from .sign_offs import CancelForm, DecisionForm, SignOffRequestForm, WithdrawForm

__all__ = [
    "CancelForm",
    "CodeForm",
    "DecisionForm",
    "InvitationSignForm",
    "InviteForm",
    "ReviewForm",
    "SignOffRequestForm",
    "SignReviewForm",
    "WithdrawForm",
]
