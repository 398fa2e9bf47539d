"""Who may ask for, give and see sign-off. Reading follows the portfolio and assessing is the
assigned facilitator's, while they hold the facilitator role and the enrolment is in progress
(both decided once, in programmes.services.access); the learner never assesses themselves."""

from coordinated_care.programmes.services import (
    can_edit_portfolio,
    can_facilitate,
    can_read_portfolio,
    facilitates_now,
    is_facilitator,
    is_supervisor,
    readable_enrolment,
)

from ..models import Capacity

__all__ = [
    "can_assess",
    "can_edit_portfolio",
    "can_read_portfolio",
    "can_request_sign_off",
    "facilitates_now",
    "is_facilitator",
    "readable_enrolment",
    "review_capacity",
]


def can_request_sign_off(user, enrolment):
    return can_edit_portfolio(user, enrolment)


def can_assess(user, enrolment):
    """Only the assigned facilitator (or their delegate, for the delegation's days: ADR 16) signs
    criteria, while the enrolment is in progress."""
    return can_facilitate(user, enrolment)


def review_capacity(user, enrolment):
    """The signature box of a review this person fills, or None: the learner signs the learner's box
    (the PD's care coordinator's), the assigned facilitator (or their delegate today, ADR 16) as facilitator, the
    workplace supervisor (with an account) as the additional signatory."""
    if enrolment.status != enrolment.Status.ACTIVE:
        return None
    if can_edit_portfolio(user, enrolment):
        return Capacity.LEARNER
    if facilitates_now(user, enrolment):
        return Capacity.FACILITATOR
    if is_supervisor(user, enrolment):
        return Capacity.ADDITIONAL
    return None
