"""Holding and signing reviews: the initial discussion, progress reviews and the final review.

Both sides write a review, each their own parts. A save names the version it was made on and is
refused if the review moved on since (the row is locked and its version compared), so two people
saving stale copies never overwrite each other. Once anyone has signed, the review is closed to
changes until every signature on it is withdrawn."""

import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coordinated_care.accounts.models import Role
from coordinated_care.core import dates

from ..models import Capacity, Invitation, Meaning, Review, Signature
from .access import review_capacity
from .review_kinds import JOINT, SIDES_OF, review_fields
from .signing import check_integrity, make_signature, reauthenticate

CAPACITY_MEANINGS = {
    Capacity.LEARNER: Meaning.AGREED,
    Capacity.FACILITATOR: Meaning.REVIEWED,
    Capacity.ADDITIONAL: Meaning.COUNTERSIGNED,
}
CAPACITY_ROLES = {
    Capacity.LEARNER: Role.LEARNER.label,
    Capacity.FACILITATOR: Role.FACILITATOR.label,
    Capacity.ADDITIONAL: Role.SUPERVISOR.label,
}


class StaleReview(Exception):
    """Someone saved the review after this copy of it was opened."""

    def __init__(self, review):
        who = review.updated_by.display_name if review.updated_by_id else "someone else"
        super().__init__(
            f"{who} saved this review on {dates.datetime(review.updated_at)} after you opened "
            "it. Your changes have not been saved: read the review as it is now, then make them again."
        )
        self.review = review


class ReviewSigned(ValidationError):
    """The review has signatures: it cannot change until they are withdrawn."""


def fields_for(review):
    return review_fields(review.kind, review.enrolment.cohort.programme)


def sides_of(user, enrolment):
    capacity = review_capacity(user, enrolment)
    return SIDES_OF.get(capacity, set()) if capacity else set()


def editable_fields(review, user):
    sides = sides_of(user, review.enrolment)
    return [f for f in fields_for(review) if f.side in sides]


def can_write_review(user, enrolment):
    return review_capacity(user, enrolment) in (Capacity.LEARNER, Capacity.FACILITATOR)


def active_signatures(review):
    return Signature.objects.filter(review=review, withdrawal__isnull=True)


@transaction.atomic
def create_review(*, enrolment, kind, user):
    """The learner or their facilitator starts a review. There is one initial discussion and one
    final review; progress reviews as often as they meet."""
    if not can_write_review(user, enrolment):
        raise PermissionDenied("Only the learner and their facilitator can start a review.")
    if kind not in Review.Kind.values:
        raise ValidationError("Unknown kind of review.")
    try:
        with transaction.atomic():
            return Review.objects.create(enrolment=enrolment, kind=kind, created_by=user, updated_by=user)
    except IntegrityError:
        label = Review.Kind(kind).label.lower()
        raise ValidationError(f"This portfolio already has its {label}.", code="exists") from None


def _clean_value(f, value):
    if f.widget == "tick":
        return bool(value)
    return (value or "").strip() if isinstance(value, str) else ""


@transaction.atomic
def update_review(review, *, user, seen_version, data, held_on=None):
    """Save the parts of `data` this person writes over `seen_version`."""
    current = (
        Review.objects.select_for_update(of=("self",))
        .select_related("enrolment__cohort__programme", "updated_by")
        .get(pk=review.pk)
    )
    if review_capacity(user, current.enrolment) is None:
        raise PermissionDenied("You cannot write this review.")
    if current.version != seen_version:
        raise StaleReview(current)
    if active_signatures(current).exists():
        raise ReviewSigned(
            "This review has been signed. Signatures must be withdrawn before it can change.", code="signed"
        )
    editable = editable_fields(current, user)
    if not editable:
        raise PermissionDenied("You cannot write this review.")
    content = dict(current.content)
    for f in editable:
        if f.name in data:
            content[f.name] = _clean_value(f, data[f.name])
    changed = content != current.content
    if JOINT in sides_of(user, current.enrolment) and held_on is not None and held_on != current.held_on:
        if held_on > timezone.localdate():
            raise ValidationError({"held_on": "The date of the review must be today or in the past."})
        current.held_on = held_on
        changed = True
    if changed:
        current.content = content
        current.version += 1
        current.updated_by = user
        current.updated_at = timezone.now()
        current.save()
    return current


def missing_to_sign(review):
    """What must be filled in before the review can be signed, as labels."""
    missing = [] if review.held_on else ["Date of the review"]
    for f in fields_for(review):
        value = review.content.get(f.name)
        if f.required and not value:
            missing.append(f.label if f.widget != "text" else f"{f.label} ({f.group.replace('_', ' ')})")
    return missing


def review_subject(review):
    content = {f.name: review.content.get(f.name, False if f.widget == "tick" else "") for f in fields_for(review)}
    return {
        "type": "review",
        "review": str(review.uuid),
        "kind": review.kind,
        "held_on": review.held_on.isoformat() if review.held_on else None,
        "content": content,
    }


def sign_review(review, *, user, password, seen_version):
    """Sign the review in the box this person fills, after re-entering their password."""
    if review_capacity(user, review.enrolment) is None:
        raise PermissionDenied("You do not sign this review.")
    reauthenticate(user, password)
    return _sign_review(review, user=user, seen_version=seen_version)


def check_signable(review, capacity):
    """Raise ValidationError unless `capacity` may sign `review` now. Call with the review locked."""
    if active_signatures(review).filter(capacity=capacity).exists():
        raise ValidationError("This review already has that signature.", code="signed")
    missing = missing_to_sign(review)
    if missing:
        raise ValidationError(
            "Fill in the review before it is signed: " + "; ".join(missing).lower() + ".", code="incomplete"
        )


@transaction.atomic
def _sign_review(review, *, user, seen_version):
    current = (
        Review.objects.select_for_update(of=("self",))
        .select_related("enrolment__learner", "enrolment__cohort__programme", "updated_by")
        .get(pk=review.pk)
    )
    capacity = review_capacity(user, current.enrolment)
    if capacity is None:
        raise PermissionDenied("You do not sign this review.")
    if current.version != seen_version:
        raise StaleReview(current)
    check_signable(current, capacity)
    return make_signature(
        enrolment=current.enrolment,
        subject=review_subject(current),
        statement={"capacity": str(capacity)},
        meaning=CAPACITY_MEANINGS[capacity],
        capacity=capacity,
        signer=user,
        signer_name=user.display_name,
        signer_role=CAPACITY_ROLES[capacity],
        review=current,
    )


# Where signing stands ---------------------------------------------------------------------------


@dataclass
class SignatureCheck:
    signature: Signature
    problems: list = field(default_factory=list)

    @property
    def valid(self):
        return not self.problems


@dataclass
class ReviewSigning:
    """The review's signature boxes: who must sign, who has, and whether it is fully signed."""

    review: Review
    required: list
    signed: dict  # capacity → SignatureCheck (active signatures only)
    withdrawn: list = field(default_factory=list)

    @property
    def complete(self):
        return all(c in self.signed and self.signed[c].valid for c in self.required)

    @property
    def started(self):
        return bool(self.signed)


def check_review_signature(signature, review):
    problems = list(check_integrity(signature).problems)
    if not problems:
        signed_subject = json.loads(signature.payload).get("subject")
        if signed_subject != review_subject(review):
            problems.append("The review has changed since it was signed.")
    return problems


def signing_state(review, signatures, invitations):
    """From the review's signatures and invitations (already loaded): needs no query."""
    signed, withdrawn = {}, []
    for signature in signatures:
        if hasattr(signature, "withdrawal"):
            withdrawn.append(signature)
        else:
            signed[Capacity(signature.capacity)] = SignatureCheck(signature, check_review_signature(signature, review))
    required = [Capacity.LEARNER, Capacity.FACILITATOR]
    used = Capacity.ADDITIONAL in signed or any(i.cancelled_at is None for i in invitations)
    if used:
        required.append(Capacity.ADDITIONAL)
    return ReviewSigning(review=review, required=required, signed=signed, withdrawn=withdrawn)


def review_signing(review):
    signatures = list(Signature.objects.filter(review=review).select_related("withdrawal", "invitation"))
    invitations = list(Invitation.objects.filter(review=review))
    return signing_state(review, signatures, invitations)


def final_review_signed(enrolment):
    review = (
        Review.objects.filter(enrolment=enrolment, kind=Review.Kind.FINAL)
        .select_related("enrolment__cohort__programme")
        .first()
    )
    return review is not None and review_signing(review).complete


__all__ = [
    "ReviewSigned",
    "StaleReview",
    "create_review",
    "editable_fields",
    "final_review_signed",
    "missing_to_sign",
    "review_signing",
    "review_subject",
    "sign_review",
    "signing_state",
    "update_review",
]
