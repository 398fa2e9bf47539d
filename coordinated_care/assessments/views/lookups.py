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


_ENROLMENT_PEOPLE = (
    "enrolment__learner",
    "enrolment__facilitator",
    "enrolment__supervisor",
    "enrolment__cohort__programme",
)


def _in_a_readable_portfolio(queryset, user, uuid, what):
    """The object with this uuid, if it belongs to a portfolio the person may read."""
    found = queryset.filter(uuid=uuid).first()
    if found is None or not access.can_read_portfolio(user, found.enrolment):
        raise Http404(f"No such {what}.")
    return found


def request_for(user, uuid):
    queryset = SignOffRequest.objects.select_related("criterion", *_ENROLMENT_PEOPLE)
    return _in_a_readable_portfolio(queryset, user, uuid, "request")


def review_for(user, uuid):
    queryset = Review.objects.select_related("updated_by", *_ENROLMENT_PEOPLE)
    return _in_a_readable_portfolio(queryset, user, uuid, "review")


def signature_for(user, uuid):
    queryset = Signature.objects.select_related(
        "enrolment__learner", "enrolment__cohort", "withdrawal", "assessment__request", "review"
    )
    return _in_a_readable_portfolio(queryset, user, uuid, "signature")
