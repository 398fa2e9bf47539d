"""Where each criterion of a portfolio stands, in one query.

The latest request that was not cancelled decides: open is "awaiting"; decided gives the decision's
outcome while its signature stands. A positive outcome ("achieved", "reflection_accepted") whose
evidence has moved on since it was signed (a newer version, an entry deleted, a link removed), whose
criterion wording changed, or whose signature record fails its integrity check is "changed": it is
never carried over silently. A withdrawn signature leaves no outcome."""

import json
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from coordinated_care.portfolios.models import EvidenceLink

from ..models import Assessment, SignedEvidence, SignOffRequest
from .signing import check_integrity

AWAITING = "awaiting"
CHANGED = "changed"
DONE = frozenset({Assessment.Outcome.ACHIEVED.value, Assessment.Outcome.REFLECTION_ACCEPTED.value})


def stale_evidence(assessment_ref):
    """Signed evidence of an assessment that is no longer linked to its criterion at the version
    signed (so: edited since, unlinked, or its entry deleted)."""
    current = EvidenceLink.objects.filter(
        entry__uuid=OuterRef("entry_uuid"),
        entry__version=OuterRef("version_number"),
        criterion=OuterRef("assessment__criterion"),
    )
    return SignedEvidence.objects.filter(assessment=assessment_ref).filter(~Exists(current))


def requests_with_state(queryset):
    """Requests with their decision, its signature and withdrawal, and `evidence_changed`."""
    return queryset.select_related(
        "criterion", "assessment", "assessment__signature", "assessment__signature__withdrawal"
    ).annotate(evidence_changed=Exists(stale_evidence(OuterRef("assessment"))))


@dataclass
class CriterionState:
    request: SignOffRequest
    status: str  # "awaiting", "achieved", "development_need", "reflection_accepted", "changed" or ""
    problems: tuple = ()

    @property
    def assessment(self):
        if self.request.status != SignOffRequest.Status.DECIDED:
            return None
        return getattr(self.request, "assessment", None)


def state_of(request):
    """The state a request gives its criterion; needs no query if loaded by `requests_with_state`."""
    if request.status == SignOffRequest.Status.OPEN:
        return CriterionState(request, AWAITING)
    assessment = getattr(request, "assessment", None)
    signature = getattr(assessment, "signature", None) if assessment else None
    if signature is None or hasattr(signature, "withdrawal"):
        return CriterionState(request, "")
    problems = list(check_integrity(signature).problems)
    if not problems:
        subject = json.loads(signature.payload).get("subject") or {}
        wording = (subject.get("criterion") or {}).get("wording")
        if wording != request.criterion.wording:
            problems.append("The criterion's wording has changed since it was signed.")
    if getattr(request, "evidence_changed", False):
        problems.append("Evidence signed has changed since sign-off.")
    if assessment.outcome == Assessment.Outcome.DEVELOPMENT_NEED:
        # Evidence is expected to move on after a development need: only a broken record shows.
        integrity = [p for p in problems if not p.startswith("Evidence")]
        return CriterionState(request, CHANGED if integrity else assessment.outcome, tuple(integrity))
    return CriterionState(request, CHANGED if problems else assessment.outcome, tuple(problems))


def criterion_states(enrolment, criterion=None):
    """{criterion id: CriterionState} for the portfolio, in one query."""
    queryset = SignOffRequest.objects.filter(enrolment=enrolment).exclude(status=SignOffRequest.Status.CANCELLED)
    if criterion is not None:
        queryset = queryset.filter(criterion=criterion)
    latest = {}
    for request in requests_with_state(queryset).order_by("requested_at", "pk"):
        latest[request.criterion_id] = request
    return {criterion_id: state_of(request) for criterion_id, request in latest.items()}


def criterion_outcomes(enrolment):
    """{criterion id: status} for `portfolios.progress`, in one query; criteria with nothing to
    show are left out."""
    return {cid: state.status for cid, state in criterion_states(enrolment).items() if state.status}
