"""Where each criterion of a portfolio stands, in one query.

The latest request that was not cancelled decides: open is "awaiting"; decided gives the decision's
outcome while its signature stands. A positive outcome ("achieved", "reflection_accepted") whose
evidence has moved on since it was signed (a newer version, an entry deleted, a link removed, its
claim rewritten, a file removed, replaced or added), whose
criterion wording changed, or whose signature record fails its integrity check is "changed": it is
never carried over silently. A withdrawn signature leaves no outcome."""

import json
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from coordinated_care.portfolios.models import Attachment, EntryVersion, EvidenceLink

from ..models import Assessment, SignedEvidence, SignedFile, SignOffRequest
from .signing import check_integrity

AWAITING = "awaiting"
CHANGED = "changed"
DONE = frozenset({Assessment.Outcome.ACHIEVED.value, Assessment.Outcome.REFLECTION_ACCEPTED.value})


def stale_evidence(assessment_ref):
    """Signed evidence of an assessment that no longer stands as signed: its entry edited since,
    unlinked or deleted and, for subject format 2 (ADR 11), its claim rewritten, a signed file
    removed, hidden or replaced, or a file added."""
    at_version = EvidenceLink.objects.filter(
        entry__uuid=OuterRef("entry_uuid"),
        entry__version=OuterRef("version_number"),
        criterion=OuterRef("assessment__criterion"),
    )
    same_claim = at_version.filter(how_it_shows_hash=OuterRef("claim_hash"))
    file_kept = Attachment.objects.filter(
        uuid=OuterRef("attachment_uuid"),
        entry__uuid=OuterRef("entry_uuid"),
        sha256=OuterRef("sha256"),
        hidden_at__isnull=True,
    )
    file_gone = SignedFile.objects.filter(evidence=OuterRef("pk")).filter(~Exists(file_kept))
    file_added = Attachment.objects.filter(entry__uuid=OuterRef("entry_uuid"), hidden_at__isnull=True).filter(
        ~Exists(SignedFile.objects.filter(evidence=OuterRef(OuterRef("pk")), attachment_uuid=OuterRef("uuid")))
    )
    bound = Q(subject_format__gte=SignedEvidence.FORMAT_WITH_CLAIMS_AND_FILES)
    return SignedEvidence.objects.filter(assessment=assessment_ref).filter(
        ~Exists(at_version) | (bound & (~Exists(same_claim) | Exists(file_gone) | Exists(file_added)))
    )


def redacted_evidence(assessment_ref):
    """Signed evidence whose text had an identifier removed after signing (ADR 12): the version or
    claim signed still stands, and the signature says "redacted after signing"."""
    version_redacted = EntryVersion.objects.filter(
        entry__uuid=OuterRef("entry_uuid"), number=OuterRef("version_number"), redacted_at__isnull=False
    )
    claim_redacted = EvidenceLink.objects.filter(
        entry__uuid=OuterRef("entry_uuid"), criterion=OuterRef("assessment__criterion"), redacted_at__isnull=False
    )
    return SignedEvidence.objects.filter(assessment=assessment_ref).filter(
        Exists(version_redacted) | Exists(claim_redacted)
    )


def requests_with_state(queryset):
    """Requests with their decision, its signature and withdrawal, `evidence_changed` and
    `evidence_redacted`."""
    return queryset.select_related(
        "criterion", "assessment", "assessment__signature", "assessment__signature__withdrawal"
    ).annotate(
        evidence_changed=Exists(stale_evidence(OuterRef("assessment"))),
        evidence_redacted=Exists(redacted_evidence(OuterRef("assessment"))),
    )


@dataclass
class CriterionState:
    request: SignOffRequest
    status: str  # "awaiting", "achieved", "development_need", "reflection_accepted", "changed" or ""
    problems: tuple = ()
    # An identifier was removed from the signed evidence's text after signing (ADR 12): the
    # sign-off stands, and says so.
    redacted: bool = False

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
    redacted = bool(getattr(request, "evidence_redacted", False))
    if assessment.outcome == Assessment.Outcome.DEVELOPMENT_NEED:
        # Evidence is expected to move on after a development need: only a broken record shows.
        integrity = [p for p in problems if not p.startswith("Evidence")]
        return CriterionState(request, CHANGED if integrity else assessment.outcome, tuple(integrity), redacted)
    return CriterionState(request, CHANGED if problems else assessment.outcome, tuple(problems), redacted)


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
