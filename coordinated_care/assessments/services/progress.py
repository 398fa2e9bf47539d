"""What the assessment app tells portfolios' progress at a glance (portfolios.progress.progress_counts),
for many portfolios at once: where each criterion's sign-off stands and which reviews are fully
signed. Registered as a provider in AssessmentsConfig.ready() (portfolios.providers, ADR 10)."""

from coordinated_care.programmes.models import Programme, RequiredDocument

from ..models import Invitation, Review, Signature, SignOffRequest
from .reviews import signing_state
from .status import requests_with_state, state_of

REVIEW_DOCUMENTS = {
    Review.Kind.INITIAL: RequiredDocument.Kind.INITIAL_DISCUSSION,
    Review.Kind.FINAL: RequiredDocument.Kind.FINAL_REVIEW,
}


def criterion_outcomes_of(enrolment_ids):
    """{(enrolment id, criterion id): status}, in one query, by the rule of
    status.criterion_outcomes for one portfolio: the latest request not cancelled decides."""
    requests = requests_with_state(
        SignOffRequest.objects.filter(enrolment_id__in=enrolment_ids).exclude(status=SignOffRequest.Status.CANCELLED)
    ).order_by("requested_at", "pk")
    latest = {}
    for request in requests:
        latest[(request.enrolment_id, request.criterion_id)] = request
    outcomes = {}
    for key, request in latest.items():
        status = state_of(request).status
        if status:
            outcomes[key] = status
    return outcomes


def review_documents(enrolment_ids, programme_ids):
    """{(enrolment id, RequiredDocument kind): (1 if fully signed else 0, started)} for the initial
    discussion and the final review, in five queries whatever there is (reviews.signing_state)."""
    # What a final review's signatures signed depends on the programme's groups: loaded here, on
    # programmes of our own, so the callers' objects are left as they are.
    programmes = Programme.objects.filter(pk__in=programme_ids).prefetch_related("criterion_groups").in_bulk()
    kinds = list(REVIEW_DOCUMENTS)
    reviews = list(
        Review.objects.filter(enrolment_id__in=enrolment_ids, kind__in=kinds).select_related("enrolment__cohort")
    )
    signatures, invitations = {}, {}
    for signature in Signature.objects.filter(
        review__enrolment_id__in=enrolment_ids, review__kind__in=kinds
    ).select_related("withdrawal"):
        signatures.setdefault(signature.review_id, []).append(signature)
    for invitation in Invitation.objects.filter(review__enrolment_id__in=enrolment_ids, review__kind__in=kinds):
        invitations.setdefault(invitation.review_id, []).append(invitation)
    states = {}
    for review in reviews:
        review.enrolment.cohort.programme = programmes[review.enrolment.cohort.programme_id]
        signing = signing_state(review, signatures.get(review.pk, []), invitations.get(review.pk, []))
        states[(review.enrolment_id, REVIEW_DOCUMENTS[review.kind])] = (int(signing.complete), True)
    return states
