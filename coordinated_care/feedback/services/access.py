"""Who may do what with feedback. Reading follows the portfolio (programmes.services); asking for
feedback is for the learner and their facilitator; typing in a paper form is the learner's (they
write their portfolio); countersigning is the assigned facilitator's alone."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from coordinated_care.programmes.models import Enrolment
from coordinated_care.programmes.services import can_edit_portfolio, can_read_portfolio

__all__ = [
    "can_countersign",
    "can_link_evidence",
    "can_read_feedback",
    "can_request_feedback",
    "can_transcribe",
    "readable_enrolment",
]


def can_read_feedback(user, enrolment):
    return can_read_portfolio(user, enrolment)


def can_request_feedback(user, enrolment):
    return (
        user.is_authenticated
        and enrolment.status == Enrolment.Status.ACTIVE
        and user.pk in (enrolment.learner_id, enrolment.facilitator_id)
    )


def can_transcribe(user, enrolment):
    return can_edit_portfolio(user, enrolment)


def can_link_evidence(user, enrolment):
    return can_edit_portfolio(user, enrolment)


def can_countersign(user, response):
    return (
        user.is_authenticated
        and response.is_transcribed
        and user.pk == response.enrolment.facilitator_id
        and user.pk != response.transcribed_by_id
    )


def readable_enrolment(user, enrolment_uuid):
    """The enrolment whose feedback `user` asks to read: 404 if there is none, 403 if not theirs."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("learner", "facilitator", "cohort__programme"), uuid=enrolment_uuid
    )
    if not can_read_feedback(user, enrolment):
        raise PermissionDenied
    return enrolment
