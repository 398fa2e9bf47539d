"""Finding the object a URL names, for someone allowed to see it. A portfolio someone may not read
is "not found" to them, so a URL says nothing about whether it exists: the portfolio itself is
found by programmes.services (`access.readable_enrolment`), what is in it here."""

from django.http import Http404

from coordinated_care.programmes.models import Criterion

from ..models import Invitation, Review, Signature, SignOffRequest
from ..services import access


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


def invitation_for(user, uuid):
    queryset = Invitation.objects.select_related("review", "enrolment__learner", "enrolment__cohort")
    return _in_a_readable_portfolio(queryset, user, uuid, "invitation")


def signature_for(user, uuid):
    queryset = Signature.objects.select_related(
        "enrolment__learner", "enrolment__cohort", "withdrawal", "assessment__request", "review"
    )
    return _in_a_readable_portfolio(queryset, user, uuid, "signature")
