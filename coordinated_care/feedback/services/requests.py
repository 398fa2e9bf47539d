"""Feedback requests: issuing links, withdrawing them, and taking the one response a link allows.

Every change is atomic. A link is spent by a conditional update (open and not expired → used), so
two submissions racing on one link cannot both succeed, on SQLite or PostgreSQL."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from coordinated_care.core import dates, outbox
from coordinated_care.core.tasks import send_email
from coordinated_care.core.tokens import find_by_token, new_token

from ..models import FeedbackRequest, FeedbackResponse
from .access import can_request_feedback

MAX_VALID_DAYS = 90
MAX_CARDS = 8


class LinkGone(Exception):
    """The link was used, withdrawn or has expired: `status` says which."""

    def __init__(self, status):
        super().__init__(f"This feedback link is {status}.")
        self.status = status


@dataclass(frozen=True)
class IssuedLink:
    """A request with its token, which exists only in this object and the page it is shown on."""

    request: FeedbackRequest
    token: str


def default_valid_days():
    return settings.FEEDBACK_LINK_DAYS


def default_learner_name(enrolment):
    return enrolment.learner.get_short_name()


def supervisor_to_ask(enrolment, audience):
    """The workplace supervisor the learner may address a colleague's link to (asked.py), or None:
    never a patient's card."""
    colleagues = (FeedbackRequest.Audience.STAFF, FeedbackRequest.Audience.KEY_PERSON)
    if audience not in colleagues or enrolment.supervisor_id is None:
        return None
    return enrolment.supervisor


def _check_requester(user, enrolment):
    if not can_request_feedback(user, enrolment):
        raise PermissionDenied(
            "Only the learner and their facilitator can ask for feedback while the portfolio is open."
        )


@transaction.atomic
def create_requests(*, enrolment, audience, user, count=1, valid_days=None, learner_name=None, to_supervisor=False):
    """`to_supervisor`: a staff or key-person link addressed to the workplace supervisor the
    enrolment names (asked.py), which waits on their home."""
    _check_requester(user, enrolment)
    if audience not in FeedbackRequest.Audience.values:
        raise ValidationError("Unknown audience.")
    addressed_to = None
    if to_supervisor:
        addressed_to = supervisor_to_ask(enrolment, audience)
        if addressed_to is None:
            raise ValidationError("Only a link for a colleague can be addressed to the workplace supervisor.")
    if not 1 <= count <= MAX_CARDS or (count > 1 and audience != FeedbackRequest.Audience.PATIENT):
        raise ValidationError("Ask for one link for a colleague, or up to 8 cards for patients.")
    valid_days = valid_days or default_valid_days()
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValidationError(f"A link can work for 1 to {MAX_VALID_DAYS} days.")
    name = (learner_name or default_learner_name(enrolment)).strip()[:100]
    today = timezone.localdate()
    issued = []
    for _ in range(count):
        token, token_hash = new_token()
        request = FeedbackRequest.objects.create(
            enrolment=enrolment,
            audience=audience,
            learner_name=name,
            token_hash=token_hash,
            valid_days=valid_days,
            expires_on=today + datetime.timedelta(days=valid_days),
            created_on=today,
            created_by=user,
            addressed_to=addressed_to,
        )
        issued.append(IssuedLink(request, token))
    return issued


@transaction.atomic
def reissue(feedback_request, *, user):
    """A new link in place of a lost or unprinted one: the old link stops working at once."""
    _check_requester(user, feedback_request.enrolment)
    token, token_hash = new_token()
    today = timezone.localdate()
    updated = FeedbackRequest.objects.filter(pk=feedback_request.pk, state=FeedbackRequest.State.OPEN).update(
        token_hash=token_hash, expires_on=today + datetime.timedelta(days=feedback_request.valid_days)
    )
    if not updated:
        raise LinkGone(feedback_request.status_on(today))
    feedback_request.refresh_from_db()
    return IssuedLink(feedback_request, token)


@transaction.atomic
def withdraw(feedback_request, *, user):
    _check_requester(user, feedback_request.enrolment)
    FeedbackRequest.objects.filter(pk=feedback_request.pk, state=FeedbackRequest.State.OPEN).update(
        state=FeedbackRequest.State.WITHDRAWN
    )


def email_link(issued, *, to, url):
    """Sends a colleague their link once the request is saved. The address is used, never kept."""
    request = issued.request
    subject = f"Feedback for {request.learner_name}, care coordinator"
    body = (
        f"{request.learner_name} is a care coordinator building a portfolio of evidence, and would value "
        f"your feedback.\n\nIt takes about 3 minutes and you do not need an account:\n{url}\n\n"
        f"The link works once, until {dates.date(request.expires_on)}. Please don't include anything that "
        "could identify a patient, service user or carer."
    )
    if request.addressed_to_id:
        body += (
            "\n\nYou can also give it when you sign in to the service: it waits for you on your home page, "
            "under ‘Waiting for you’."
        )
    FeedbackRequest.objects.filter(pk=request.pk).update(emailed=True)
    outbox.enqueue(send_email, to=[to], subject=subject, body=body)


def find_request(token):
    """The request a token belongs to, or None. Looked up by hash: the token is never stored."""
    return find_by_token(FeedbackRequest.objects.select_related("enrolment"), token)


def check_open(feedback_request):
    status = feedback_request.status_on(timezone.localdate())
    if status != FeedbackRequest.State.OPEN:
        raise LinkGone(status)


@transaction.atomic
def submit_response(feedback_request, *, answers):
    """Take the answers and spend the link, both or neither. Nothing identifies the giver: a
    patient's or carer's response keeps the day, not the time, and no response keeps the request
    it came through. Staff and key people's keep the time too: the PD's ongoing feedback records
    its date/time beside their role."""
    now = timezone.now()
    today = timezone.localdate(now)
    spent = FeedbackRequest.objects.filter(
        pk=feedback_request.pk, state=FeedbackRequest.State.OPEN, expires_on__gte=today
    ).update(state=FeedbackRequest.State.USED)
    if not spent:
        feedback_request.refresh_from_db()
        raise LinkGone(feedback_request.status_on(today))
    if feedback_request.audience != FeedbackRequest.Audience.STAFF:
        answers = {k: v for k, v in answers.items() if k != "given_name"}
    return FeedbackResponse.objects.create(
        enrolment_id=feedback_request.enrolment_id,
        audience=feedback_request.audience,
        source=FeedbackResponse.Source.ONLINE,
        received_on=today,
        received_at=None if feedback_request.audience == FeedbackRequest.Audience.PATIENT else now,
        **answers,
    )
