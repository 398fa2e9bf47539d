"""Signing a review without an account, through an invitation (ADR 7).

The facilitator invites the additional signatory (or a workplace supervisor who has no account)
by name and e-mail. The link carries a random token of 256 bits, kept only as its SHA-256; it
works once and for 7 days. Before the review is shown or signed, a six-digit code e-mailed to the
same address must be entered: it is kept as a password hash, works for 15 minutes and for 5 tries,
and at most 3 are sent per invitation. The signature records the name, role and professional
registration number the signer gives, and that they signed by invitation."""

import datetime
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coordinated_care import audit
from coordinated_care.accounts.models import User
from coordinated_care.core.tokens import find_by_token, new_token

from ..models import Capacity, Invitation, Meaning, Review
from . import notifications
from .access import facilitates_now
from .reviews import StaleReview, active_signatures, check_signable, review_subject
from .signing import make_signature

VALID_FOR = datetime.timedelta(days=7)
CODE_VALID_FOR = datetime.timedelta(minutes=15)
MAX_CODE_ATTEMPTS = 5
MAX_CODES = 3


class InvitationGone(Exception):
    """The link was used, cancelled or has expired, or is not a link we made."""

    def __init__(self, state):
        super().__init__(f"This invitation is {state}.")
        self.state = state


class CodeRefused(ValidationError):
    pass


def new_code():
    return f"{secrets.randbelow(10**6):06d}"


def masked(email):
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'•' * max(len(local) - 1, 1)}@{domain}"


@transaction.atomic
def invite(review, *, user, name, email, url_for):
    """Invite someone without an account to sign `review` as its additional signatory. The
    token exists only in the e-mail sent; `url_for(token)` makes the link."""
    enrolment = review.enrolment
    if not facilitates_now(user, enrolment) or enrolment.status != enrolment.Status.ACTIVE:
        raise PermissionDenied("Only the learner's facilitator can invite someone to sign.")
    name, email = (name or "").strip(), User.objects.normalize_email((email or "").strip()).lower()
    if not name or not email:
        raise ValidationError("Enter the name and e-mail address of the person to invite.", code="required")
    own = {enrolment.learner.email.lower(), enrolment.facilitator.email.lower()}
    if email in own:
        raise ValidationError(
            "The additional signatory must be someone other than the learner and their facilitator.",
            code="self",
        )
    review = Review.objects.select_for_update().get(pk=review.pk)
    if active_signatures(review).filter(capacity=Capacity.ADDITIONAL).exists():
        raise ValidationError("This review already has its additional signature.", code="signed")
    now = timezone.now()
    still_open = Invitation.objects.select_for_update().filter(
        review=review, used_at__isnull=True, cancelled_at__isnull=True
    )
    for earlier in still_open:
        earlier.cancelled_at = now  # one invitation open per review: a new one replaces the last
        earlier.save(update_fields=["cancelled_at"])
    token, token_hash = new_token()
    invitation = Invitation.objects.create(
        enrolment=enrolment,
        review=review,
        name=name,
        email=email,
        token_hash=token_hash,
        expires_at=now + VALID_FOR,
        created_by=user,
        created_at=now,
    )
    notifications.invitation_sent(invitation, url=url_for(token))
    return invitation


@transaction.atomic
def cancel_invitation(invitation, *, user):
    if not facilitates_now(user, invitation.enrolment):
        raise PermissionDenied("Only the learner's facilitator can cancel an invitation.")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is None and invitation.cancelled_at is None:
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
    return invitation


def find_invitation(token):
    """The open invitation a token belongs to. Raises InvitationGone otherwise."""
    invitation = find_by_token(
        Invitation.objects.select_related("review", "enrolment__learner", "enrolment__cohort__programme", "created_by"),
        token,
    )
    if invitation is None:
        raise InvitationGone("not recognised")
    state = invitation.state()
    if state != "open":
        raise InvitationGone(state)
    return invitation


def _locked_open(invitation):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    state = invitation.state()
    if state != "open":
        raise InvitationGone(state)
    return invitation


@transaction.atomic
def send_code(invitation):
    invitation = _locked_open(invitation)
    if invitation.codes_sent >= MAX_CODES:
        raise CodeRefused(
            "We have sent as many codes as we can for this invitation. Ask the facilitator to invite you again.",
            code="too_many_codes",
        )
    code = new_code()
    invitation.code_hash = make_password(code)
    invitation.code_expires_at = timezone.now() + CODE_VALID_FOR
    invitation.code_attempts = 0
    invitation.codes_sent += 1
    with audit.acting_as(_invitee(invitation)):
        invitation.save(update_fields=["code_hash", "code_expires_at", "code_attempts", "codes_sent"])
    notifications.invitation_code(invitation, code)
    return invitation


@transaction.atomic
def verify_code(invitation, code):
    """True if `code` is the one e-mailed. Every try is counted and kept, right or wrong."""
    invitation = _locked_open(invitation)
    if not invitation.code_hash or invitation.code_expires_at is None or invitation.code_expires_at <= timezone.now():
        raise CodeRefused("This code has expired. Ask for a new code.", code="expired")
    if invitation.code_attempts >= MAX_CODE_ATTEMPTS:
        raise CodeRefused("Too many wrong codes. Ask for a new code.", code="attempts")
    invitation.code_attempts += 1
    ok = check_password((code or "").strip(), invitation.code_hash)
    if ok:
        invitation.code_hash = ""  # a code works once
        invitation.verified_at = timezone.now()
    with audit.acting_as(_invitee(invitation)):
        invitation.save(update_fields=["code_attempts", "code_hash", "verified_at"])
    return ok


def _invitee(invitation):
    """Who acts, for the audit trail, before they have said who they are."""
    return f"invited signer (by e-mail): {invitation.name}"


def attempts_left(invitation):
    return max(MAX_CODE_ATTEMPTS - invitation.code_attempts, 0)


@transaction.atomic
def sign_by_invitation(invitation, *, name, role, registration, seen_version):
    """Sign the review as the additional signatory, by invitation. The view checks that this
    browser entered the code; here the invitation must be open and verified. Spends the link."""
    invitation = _locked_open(invitation)
    if invitation.verified_at is None:
        raise PermissionDenied("Enter the code we e-mailed you before signing.")
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("enrolment__learner", "enrolment__cohort__programme", "updated_by")
        .get(pk=invitation.review_id)
    )
    if review.version != seen_version:
        raise StaleReview(review)
    check_signable(review, Capacity.ADDITIONAL)
    name, role, registration = (name or "").strip(), (role or "").strip(), (registration or "").strip()
    if not name or not role:
        raise ValidationError("Enter your name and your role.", code="required")
    signer = f"invited signer: {name}, {role}" + (f", {registration}" if registration else "")
    with audit.acting_as(signer):
        return _sign(invitation, review, name=name, role=role, registration=registration)


def _sign(invitation, review, *, name, role, registration):
    signature = make_signature(
        enrolment=review.enrolment,
        subject=review_subject(review),
        statement={
            "capacity": Capacity.ADDITIONAL.value,
            "invited_as": invitation.name,
            "invited_by": invitation.created_by.display_name,
        },
        meaning=Meaning.COUNTERSIGNED,
        capacity=Capacity.ADDITIONAL,
        invitation=invitation,
        signer_name=name,
        signer_role=role,
        registration=registration,
        review=review,
    )
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return signature


def invitation_path(token):
    return reverse("assessments:invitation", args=[token])
