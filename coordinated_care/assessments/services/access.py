"""Who may ask for, give and see sign-off. Reading follows the portfolio (programmes.services);
assessing is narrower: only the facilitator the enrolment names, while they hold the facilitator
role, and never the learner themselves."""

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role
from coordinated_care.programmes.models import Enrolment
from coordinated_care.programmes.services import can_edit_portfolio, can_read_portfolio

from ..models import Capacity

__all__ = [
    "can_assess",
    "can_edit_portfolio",
    "can_read_portfolio",
    "can_request_sign_off",
    "is_facilitator",
    "review_capacity",
]


def _active(enrolment):
    return enrolment.status == Enrolment.Status.ACTIVE


def can_request_sign_off(user, enrolment):
    return can_edit_portfolio(user, enrolment)


def is_facilitator(user, enrolment):
    """The assigned facilitator of this enrolment, who is not its learner."""
    return (
        user.is_authenticated
        and user.pk == enrolment.facilitator_id
        and user.pk != enrolment.learner_id
        and has_role(user, Role.ASSESSOR)
    )


def can_assess(user, enrolment):
    """Only the assigned facilitator signs criteria, while the enrolment is in progress."""
    return _active(enrolment) and is_facilitator(user, enrolment)


def review_capacity(user, enrolment):
    """The signature box of a review this person fills, or None: the learner signs as the care
    coordinator, the assigned facilitator as facilitator, the workplace supervisor (with an
    account) as the additional signatory."""
    if not user.is_authenticated or not _active(enrolment):
        return None
    if user.pk == enrolment.learner_id:
        return Capacity.COORDINATOR
    if is_facilitator(user, enrolment):
        return Capacity.FACILITATOR
    if enrolment.supervisor_id and user.pk == enrolment.supervisor_id:
        return Capacity.ADDITIONAL
    return None
