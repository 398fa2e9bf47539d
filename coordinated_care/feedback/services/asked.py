"""Feedback asked of the learner's workplace supervisor (issue 12, item 10): the learner may address a
staff or key-person request to the supervisor their enrolment names. The link is e-mailed to the
supervisor's account address, and the request waits on their home, where they may answer it signed
in. The answer is taken exactly as a link's is (`submit_response`): it keeps neither who gave it nor
the request it came through (ADR 8), and the request is used."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from coordinated_care.programmes.services import is_supervisor

from ..models import FeedbackRequest
from .requests import LinkGone, check_open, submit_response, supervisor_to_ask

__all__ = ["answer_asked", "asked_of", "can_answer", "request_asked_of", "supervisor_to_ask"]


def asked_of(user):
    """The open, unexpired requests addressed to this person while they are the enrolment's
    supervisor, oldest first, with the learner's name. One query."""
    if not user.is_authenticated:
        return []
    return list(
        FeedbackRequest.objects.filter(
            addressed_to=user,
            enrolment__supervisor=user,
            state=FeedbackRequest.State.OPEN,
            expires_on__gte=timezone.localdate(),
        )
        .select_related("enrolment__learner")
        .order_by("created_on", "pk")
    )


def can_answer(user, feedback_request):
    """Only the supervisor it is addressed to, while the enrolment names them and they hold the role."""
    return (
        user.is_authenticated
        and feedback_request.addressed_to_id == user.pk
        and is_supervisor(user, feedback_request.enrolment)
    )


def request_asked_of(user, request_uuid):
    """The open request a signed-in answering page names, if `user` may answer it; otherwise 404,
    whether it exists, is someone else's, used, withdrawn or expired."""
    feedback_request = (
        FeedbackRequest.objects.select_related("enrolment__learner", "enrolment__supervisor")
        .filter(uuid=request_uuid, addressed_to__isnull=False)
        .first()
    )
    if feedback_request is None or not can_answer(user, feedback_request):
        raise Http404
    try:
        check_open(feedback_request)
    except LinkGone:
        raise Http404 from None
    return feedback_request


def answer_asked(feedback_request, *, user, answers):
    """The addressed supervisor's answers, taken as a link's are and spending the request."""
    if not can_answer(user, feedback_request):
        raise PermissionDenied("Only the workplace supervisor it was asked of can answer this request.")
    return submit_response(feedback_request, answers=answers)
