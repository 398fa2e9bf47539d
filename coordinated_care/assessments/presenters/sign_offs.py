"""What the criterion panel, the request page and the request form show."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse

from coordinated_care.core import dates
from coordinated_care.core.dates import utc
from coordinated_care.portfolios.models import EvidenceLink

from ..models import Assessment, SignedEvidence, SignOffRequest
from ..services import access
from ..services.sign_offs import linked_evidence, request_subject
from ..services.status import CHANGED, DONE, requests_with_state, state_of
from .evidence import evidence_items
from .signatures import signature_line, status_tag


@dataclass
class Decision:
    outcome: str
    outcome_label: str
    comments: str
    achieved_on: object
    reflection: str
    agreed_with_supervisor: str
    actions: list
    signature: object  # SignatureLine
    evidence: list = field(default_factory=list)  # (title, version, still current)
    exceeds_expectations: bool = False
    exceeding_comment: str = ""
    reconfirmed: bool = False  # re-confirmed by its facilitator after a change (services/reconfirming.py)
    changes_href: str = ""  # where the changes since it was signed are shown, when there are any


def decision_of(state, user, *, with_evidence=True):
    assessment = state.assessment if state else None
    if assessment is None:
        return None
    evidence = []
    if with_evidence:
        current = EvidenceLink.objects.filter(
            entry__uuid=OuterRef("entry_uuid"),
            entry__version=OuterRef("version_number"),
            criterion=assessment.criterion_id,
        )
        evidence = [
            (item.title, item.version_number, item.current)
            for item in SignedEvidence.objects.filter(assessment=assessment).annotate(current=Exists(current))
        ]
    return Decision(
        outcome=assessment.outcome,
        outcome_label=assessment.get_outcome_display(),
        comments=assessment.comments,
        achieved_on=assessment.achieved_on,
        reflection=assessment.reflection,
        agreed_with_supervisor=assessment.agreed_with_supervisor,
        actions=[a.title for a in assessment.agreed_actions.all()] if with_evidence else [],
        signature=signature_line(assessment.signature, user=user, problems=state.problems, redacted=state.redacted),
        evidence=evidence,
        exceeds_expectations=assessment.exceeds_expectations,
        exceeding_comment=assessment.exceeding_comment,
        reconfirmed=assessment.reconfirms_id is not None,
        changes_href=reverse("assessments:changes", args=[state.request.uuid]) if state.status == CHANGED else "",
    )


def decision_preview(decision):
    """The decision as the facilitator is about to sign it, from the checked form's values: (label,
    text) rows, and the actions agreed."""
    outcome = Assessment.Outcome(decision["outcome"])
    rows = [("Outcome", outcome.label)]
    if outcome == Assessment.Outcome.ACHIEVED:
        rows.append(("Date achieved", dates.date(decision["achieved_on"])))
    rows.append(("Comments and rationale", decision["comments"]))
    if outcome == Assessment.Outcome.ACHIEVED and decision["exceeds_expectations"]:
        rows.append(("Exceeding expectations", decision["exceeding_comment"] or "Yes"))
    if outcome == Assessment.Outcome.REFLECTION_ACCEPTED:
        rows.append(("Critical reflection on the shortfall", decision["reflection"]))
        rows.append(("Supervisor it was agreed with", decision["agreed_with_supervisor"]))
    actions = decision["actions"] if outcome == Assessment.Outcome.DEVELOPMENT_NEED else []
    return {"rows": rows, "actions": [a["area_of_focus"] or a["actions"] for a in actions]}


def _states(enrolment, criterion):
    requests = list(
        requests_with_state(SignOffRequest.objects.filter(enrolment=enrolment, criterion=criterion)).order_by(
            "requested_at", "pk"
        )
    )
    states = [state_of(r) for r in requests if r.status != SignOffRequest.Status.CANCELLED]
    return states


def criterion_panel(enrolment, criterion, user):
    """For the criterion page: where sign-off stands, the decision and its signature, and the
    "Ask for sign-off" button for the learner. Four queries at most."""
    states = _states(enrolment, criterion)
    latest = states[-1] if states else None
    status = latest.status if latest else ""
    earlier = [decision_of(s, user, with_evidence=False) for s in states[:-1] if s.assessment is not None]
    can_request = access.can_request_sign_off(user, enrolment) and status not in DONE | {"awaiting"}
    return {
        "status": status,
        "tag": status_tag(status),
        "request": latest.request if latest and status == "awaiting" else None,
        "request_href": reverse("assessments:request", args=[latest.request.uuid]) if latest else "",
        "requested_at_utc": utc(latest.request.requested_at) if latest else "",
        "decision": decision_of(latest, user) if latest else None,
        "earlier": [d for d in earlier if d],
        "can_request": can_request,
        "ask_href": reverse("assessments:ask", args=[enrolment.uuid, criterion.code]) if can_request else "",
        "is_learner": user.pk == enrolment.learner_id,
    }


def request_page(request_obj, user):
    enrolment = request_obj.enrolment
    criterion = request_obj.criterion
    state = state_of(requests_with_state(SignOffRequest.objects.filter(pk=request_obj.pk)).get())
    subject = request_subject(request_obj)
    links = {
        link.entry_id: link for link in EvidenceLink.objects.filter(entry__enrolment=enrolment, criterion=criterion)
    }
    put_forward = {v.entry_id for v in subject.versions} | {e.pk for e in subject.withdrawn}
    others = [link.entry.title for link in linked_evidence(enrolment, criterion) if link.entry_id not in put_forward]
    is_open = request_obj.status == SignOffRequest.Status.OPEN
    return {
        "page_title": f"Sign-off of {criterion.code}",
        "sign_off_request": request_obj,
        "enrolment": enrolment,
        "learner": enrolment.learner,
        "criterion": criterion,
        "requested_at_utc": utc(request_obj.requested_at),
        "status": state.status,
        "status_tag": status_tag(state.status),
        "evidence": evidence_items(enrolment, subject.versions, links),
        "no_longer_linked": [e.title for e in subject.withdrawn],
        "also_linked": others,
        "subject_hash": subject.hash,
        "decision": decision_of(state, user),
        "can_decide": is_open and access.can_assess(user, enrolment),
        "can_cancel": is_open and access.can_request_sign_off(user, enrolment),
        "is_open": is_open,
    }


def ask_page(enrolment, criterion):
    links = list(linked_evidence(enrolment, criterion))
    return {
        "page_title": f"Ask for sign-off of {criterion.code}",
        "enrolment": enrolment,
        "criterion": criterion,
        "links": links,
        "facilitator": enrolment.facilitator,
    }
