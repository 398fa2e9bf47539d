"""Signing the patient feedback summary (issue 12, item 9).

The PD's patient feedback form has the practice-based facilitator's and the care coordinator's
signatures under it. The answers stay anonymous, so they sign the summary, not each answer: the
counts for each question, the number of responses and the period. The summary comes as plain data
from the page that shows it (the reports app computes it through `feedback.presenters`; this app
and the feedback app do not import each other, ADR 10), and is signed with the same electronic
signature as sign-offs (ADR 7): the password re-entered, the signer's name, role, the time and what
the signature means, bound to the summary's hash. A response that arrives after signing makes
another summary: the signature then shows as changed since signed, and the new summary can be
signed again."""

import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from coordinated_care.accounts.models import Role
from coordinated_care.programmes.models import Enrolment

from ..models import Capacity, Meaning, Signature, SignedFeedbackSummary
from .access import can_assess, can_edit_portfolio
from .signing import check_integrity, make_signature, reauthenticate, subject_hash

ROLES = {Capacity.FACILITATOR: Role.FACILITATOR.label, Capacity.LEARNER: Role.LEARNER.label}


class SummaryMoved(ValidationError):
    """A response came in, or went, between the signer reading the summary and signing it."""


def summary_subject(summary):
    return {"type": "patient_feedback_summary", "summary": summary}


def summary_hash(summary):
    """What the signing form carries: the hash of the summary as the signer read it."""
    return subject_hash(summary_subject(summary))


def signing_capacity(user, enrolment):
    """The box of the form this person signs, or None: the learner as the care coordinator, the
    assigned facilitator (or their delegate today, ADR 16) as the facilitator, while in progress."""
    if enrolment.status != Enrolment.Status.ACTIVE:
        return None
    if can_edit_portfolio(user, enrolment):
        return Capacity.LEARNER
    if can_assess(user, enrolment):
        return Capacity.FACILITATOR
    return None


def sign_summary(enrolment, *, user, password, summary, seen_hash):
    """The facilitator or the learner signs the summary as the page showed it (`seen_hash`), after
    re-entering their password. `summary` is the summary as it is now."""
    if signing_capacity(user, enrolment) is None:
        raise PermissionDenied("Only the learner and their facilitator sign the patient feedback summary.")
    reauthenticate(user, password)
    return _sign_summary(enrolment, user=user, summary=summary, seen_hash=seen_hash)


@transaction.atomic
def _sign_summary(enrolment, *, user, summary, seen_hash):
    enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("learner").get(pk=enrolment.pk)
    capacity = signing_capacity(user, enrolment)
    if capacity is None:
        raise PermissionDenied("Only the learner and their facilitator sign the patient feedback summary.")
    digest = summary_hash(summary)
    if digest != seen_hash:
        raise SummaryMoved(
            "The feedback changed while you were reading it. Read the summary again, then sign.", code="summary_moved"
        )
    if not summary.get("responses"):
        raise ValidationError("There is no feedback from patients, service users or carers to sign yet.", code="empty")
    signed = SignedFeedbackSummary.objects.filter(enrolment=enrolment, summary_hash=digest).first()
    if signed is None:
        signed = SignedFeedbackSummary.objects.create(
            enrolment=enrolment, summary=summary, summary_hash=digest, responses=summary["responses"]
        )
    elif Signature.objects.filter(feedback_summary=signed, capacity=capacity, withdrawal__isnull=True).exists():
        raise ValidationError("You have already signed this summary.", code="signed")
    return make_signature(
        enrolment=enrolment,
        subject=summary_subject(summary),
        statement={},
        meaning=Meaning.FEEDBACK_SUMMARY_SIGNED,
        capacity=capacity,
        feedback_summary=signed,
        signer=user,
        signer_name=user.display_name,
        signer_role=ROLES[capacity],
    )


@dataclass
class SummarySignature:
    signature: Signature
    problems: list = field(default_factory=list)
    changed: bool = False  # signed over another summary than the one there is now

    @property
    def standing(self):
        return not self.problems and not self.changed


def summary_signatures(enrolment, current_hash=None):
    """{capacity: SummarySignature} of the newest signature not withdrawn in each of the two boxes,
    in one query. A signature over another summary than `current_hash` (a response came in since)
    is `changed`; one whose record is not whole carries its problems."""
    signatures = (
        Signature.objects.filter(enrolment=enrolment, feedback_summary__isnull=False, withdrawal__isnull=True)
        .select_related("feedback_summary", "withdrawal")
        .order_by("signed_at", "pk")
    )
    found = {}
    for signature in signatures:
        problems = list(check_integrity(signature).problems)
        if not problems:
            signed = json.loads(signature.payload).get("subject")
            if subject_hash(signed) != signature.feedback_summary.summary_hash:
                problems.append("The signed summary does not match the summary kept with it.")
        changed = current_hash is not None and signature.feedback_summary.summary_hash != current_hash
        found[signature.capacity] = SummarySignature(signature, problems, changed)
    return found


def may_sign_now(user, enrolment, summary, signatures):
    """Whether this person has a box to sign in and the summary now waits for their signature."""
    capacity = signing_capacity(user, enrolment)
    if capacity is None or not summary.get("responses"):
        return False
    mine = signatures.get(capacity)
    return mine is None or not mine.standing
