"""Re-confirming a sign-off after its evidence changed.

A positive sign-off whose evidence moved on since it was signed (an entry edited, a claim
rewritten, a file added or removed) or whose criterion's wording changed is "changed": it is never
carried over silently (status.py). When the change does not alter what was assessed (a sentence
added, a typing error put right), the facilitator who signed it judges so and re-confirms it in one
step, with their password: a new decision, the same as the one it re-confirms, bound to the
evidence as it is now and signed anew. The earlier decision and its signature stay as they were;
the new one names it (`Assessment.reconfirms`, and `reconfirms` in the signed statement).

A signature record that fails its integrity check is never re-confirmed: that is not a change to
the evidence but to the record, and goes to whoever looks after the service."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from coordinated_care import audit
from coordinated_care.accounts.models import Role
from coordinated_care.programmes.models import Enrolment

from ..models import Assessment, Capacity, SignOffRequest
from .access import can_assess
from .sign_offs import OUTCOME_MEANINGS, EvidenceMoved, bind_evidence, decision_statement, request_subject
from .signing import check_integrity, make_signature, reauthenticate
from .status import CHANGED, DONE, criterion_states


class NotReconfirmable(ValidationError):
    """The sign-off cannot be re-confirmed (any more): nothing to re-confirm, or not by this person."""


def reconfirm_refusal(state, user):
    """Why `user` may not re-confirm the sign-off `state` gives its criterion, or "" when they may.
    Needs no query when the state was loaded by `requests_with_state`."""
    assessment = state.assessment if state is not None else None
    if assessment is None or state.status != CHANGED or assessment.outcome not in DONE:
        return "There is no change to re-confirm: this sign-off stands as it was signed."
    signature = assessment.signature
    if check_integrity(signature).problems:
        return "The signature's record does not match what was signed, so it cannot be re-confirmed."
    if signature.signer_id != user.pk or not can_assess(user, state.request.enrolment):
        return "Only the facilitator who signed this sign-off can re-confirm it."
    return ""


def reconfirm_sign_off(request, *, user, password, seen_subject_hash, base_url=""):
    """The facilitator who signed `request`'s decision re-confirms it on the evidence as it is now,
    after re-entering their password. `seen_subject_hash` is the hash of the evidence on the page
    that showed them the changes: if it moved on again since, nothing is signed."""
    if not can_assess(user, request.enrolment):
        raise PermissionDenied("Only the learner's assigned facilitator can re-confirm their sign-offs.")
    reauthenticate(user, password)
    return _reconfirm(request, user=user, seen_subject_hash=seen_subject_hash)


@transaction.atomic
def _reconfirm(request, *, user, seen_subject_hash):
    # One change to a portfolio's sign-offs at a time: the enrolment's row is the lock, as when asking.
    list(Enrolment.objects.select_for_update().filter(pk=request.enrolment_id).order_by().values_list("pk", flat=True))
    enrolment = Enrolment.objects.select_related("learner", "cohort").get(pk=request.enrolment_id)
    if not can_assess(user, enrolment):
        raise PermissionDenied("Only the learner's assigned facilitator can re-confirm their sign-offs.")
    state = criterion_states(enrolment, request.criterion).get(request.criterion_id)
    if state is None or state.request.pk != request.pk:
        raise NotReconfirmable("This sign-off has been replaced by a later one.", code="superseded")
    refusal = reconfirm_refusal(state, user)
    if refusal:
        raise NotReconfirmable(refusal, code="not_reconfirmable")
    earlier = state.assessment
    subject = request_subject(state.request)
    if subject.hash != seen_subject_hash:
        raise EvidenceMoved(
            "The evidence changed again while you were reading it. Read the changes again, then re-confirm.",
            code="evidence_moved",
        )
    if earlier.outcome == Assessment.Outcome.ACHIEVED and not subject.versions:
        raise NotReconfirmable(
            "None of the evidence signed is still linked to this criterion: ask the learner to ask again.",
            code="no_evidence",
        )
    now = timezone.now()
    with audit.with_note({"reconfirms": str(earlier.uuid)}):
        again = SignOffRequest.objects.create(
            enrolment=enrolment,
            criterion=request.criterion,
            note="",
            requested_by=user,
            requested_at=now,
            status=SignOffRequest.Status.DECIDED,
            closed_at=now,
        )
        again.evidence.set([v.entry for v in subject.versions])
        assessment = Assessment.objects.create(
            request=again,
            enrolment=enrolment,
            criterion=request.criterion,
            outcome=earlier.outcome,
            comments=earlier.comments,
            achieved_on=earlier.achieved_on,
            reflection=earlier.reflection,
            agreed_with_supervisor=earlier.agreed_with_supervisor,
            exceeds_expectations=earlier.exceeds_expectations,
            exceeding_comment=earlier.exceeding_comment,
            reconfirms=earlier,
            assessed_by=user,
        )
        bind_evidence(assessment, subject)
        make_signature(
            enrolment=enrolment,
            subject=subject.data,
            statement={**decision_statement(assessment), "reconfirms": str(earlier.signature.uuid)},
            meaning=OUTCOME_MEANINGS[Assessment.Outcome(earlier.outcome)],
            capacity=Capacity.FACILITATOR,
            signer=user,
            signer_name=user.display_name,
            signer_role=Role.FACILITATOR.label,
            assessment=assessment,
        )
    return assessment
