"""Who may do what with feedback. Reading follows the portfolio and the facilitator is the
assigned one while they hold the role (both decided once, in programmes.services.access); asking
for feedback is for the learner and their facilitator; typing in a paper form is the learner's
(they write their portfolio); countersigning is the assigned facilitator's, or their delegate's
for the delegation's days (ADR 16)."""

from coordinated_care.programmes.services import (
    can_edit_portfolio,
    can_facilitate,
    facilitates_now,
    is_facilitator,
    readable_enrolment,
)

__all__ = [
    "can_countersign",
    "can_link_evidence",
    "can_request_feedback",
    "can_transcribe",
    "facilitates_now",
    "is_facilitator",
    "readable_enrolment",
]


def can_request_feedback(user, enrolment):
    return can_edit_portfolio(user, enrolment) or can_facilitate(user, enrolment)


def can_transcribe(user, enrolment):
    return can_edit_portfolio(user, enrolment)


def can_link_evidence(user, enrolment):
    return can_edit_portfolio(user, enrolment)


def can_countersign(user, response):
    return (
        response.is_transcribed and can_facilitate(user, response.enrolment) and user.pk != response.transcribed_by_id
    )
