"""Finding the object a URL names, for someone allowed to see it. A portfolio someone may not read
is "not found" to them, so a URL says nothing about whether it exists."""

from django.http import Http404

from coordinated_care.programmes.models import Criterion, Enrolment

from ..models import Review, Signature, SignOffRequest
from ..services import access


def enrolment_for(user, uuid):
    enrolment = (
        Enrolment.objects.select_related("learner", "facilitator", "supervisor", "cohort__programme", "practice")
        .filter(uuid=uuid)
        .first()
    )
    if enrolment is None or not access.can_read_portfolio(user, enrolment):
        raise Http404("No such portfolio.")
    return enrolment


def criterion_for(enrolment, code):
    criterion = Criterion.objects.filter(programme_id=enrolment.cohort.programme_id, code=code).first()
    if criterion is None:
        raise Http404("No such criterion.")
    return criterion


def request_for(user, uuid):
    request = (
        SignOffRequest.objects.select_related(
            "criterion",
            "enrolment__learner",
            "enrolment__facilitator",
            "enrolment__supervisor",
            "enrolment__cohort__programme",
        )
        .filter(uuid=uuid)
        .first()
    )
    if request is None or not access.can_read_portfolio(user, request.enrolment):
        raise Http404("No such request.")
    return request


def review_for(user, uuid):
    review = (
        Review.objects.select_related(
            "updated_by",
            "enrolment__learner",
            "enrolment__facilitator",
            "enrolment__supervisor",
            "enrolment__cohort__programme",
        )
        .filter(uuid=uuid)
        .first()
    )
    if review is None or not access.can_read_portfolio(user, review.enrolment):
        raise Http404("No such review.")
    return review


def signature_for(user, uuid):
    signature = (
        Signature.objects.select_related(
            "enrolment__learner", "enrolment__cohort", "withdrawal", "assessment__request", "review"
        )
        .filter(uuid=uuid)
        .first()
    )
    if signature is None or not access.can_read_portfolio(user, signature.enrolment):
        raise Http404("No such signature.")
    return signature
