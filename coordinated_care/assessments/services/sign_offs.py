"""Asking for sign-off and recording the facilitator's decision. Every change is atomic: a
decision, the evidence versions it binds, the actions it adds to the plan and its signature are
written together or not at all."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coordinated_care.accounts.models import Role
from coordinated_care.portfolios.models import Attachment, EntryVersion, EvidenceLink
from coordinated_care.programmes.models import Enrolment

from ..models import AgreedAction, Assessment, Capacity, Meaning, SignedEvidence, SignedFile, SignOffRequest
from . import notifications
from .access import can_assess, can_request_sign_off
from .actions import clean_action, create_agreed_action
from .record_signatures import learners_reflection
from .signing import make_signature, reauthenticate, subject_hash
from .status import DONE, criterion_states

OUTCOME_MEANINGS = {
    Assessment.Outcome.ACHIEVED: Meaning.ACHIEVED,
    Assessment.Outcome.DEVELOPMENT_NEED: Meaning.DEVELOPMENT_NEED,
    Assessment.Outcome.REFLECTION_ACCEPTED: Meaning.REFLECTION_ACCEPTED,
}


class EvidenceMoved(ValidationError):
    """The evidence changed between the facilitator reading it and signing."""


def linked_evidence(enrolment, criterion):
    """The learner's entries linked to this criterion, newest link first."""
    return (
        EvidenceLink.objects.filter(entry__enrolment=enrolment, criterion=criterion)
        .select_related("entry")
        .order_by("-created_at", "pk")
    )


@transaction.atomic
def request_sign_off(*, enrolment, criterion, user, entries, note="", base_url=""):
    """The learner asks for `criterion` to be assessed on some of the evidence linked to it.
    With no evidence, they must say why (for example, to agree a reflection on the shortfall)."""
    if not can_request_sign_off(user, enrolment):
        raise PermissionDenied("Only the learner can ask for sign-off of their portfolio while it is in progress.")
    if criterion.programme_id != enrolment.cohort.programme_id:
        raise ValidationError("That criterion is not part of this programme.")
    # One request at a time per portfolio: the enrolment's row is the lock.
    list(Enrolment.objects.select_for_update().filter(pk=enrolment.pk).order_by().values_list("pk", flat=True))
    state = criterion_states(enrolment, criterion).get(criterion.pk)
    if state is not None and state.status == "awaiting":
        raise ValidationError("You have already asked for this criterion to be signed off.", code="open")
    if state is not None and state.status in DONE:
        raise ValidationError("This criterion is already signed off.", code="done")
    linked = {str(link.entry.uuid): link.entry for link in linked_evidence(enrolment, criterion)}
    chosen = [linked.get(str(uuid)) for uuid in entries]
    if None in chosen:
        raise ValidationError("Choose evidence that is linked to this criterion.", code="evidence")
    note = (note or "").strip()
    if not chosen and not note:
        raise ValidationError(
            "Choose the evidence to put forward, or say why you are asking without evidence.", code="empty"
        )
    try:
        with transaction.atomic():
            request = SignOffRequest.objects.create(
                enrolment=enrolment, criterion=criterion, note=note, requested_by=user
            )
    except IntegrityError:
        raise ValidationError("You have already asked for this criterion to be signed off.", code="open") from None
    request.evidence.set(chosen)
    notifications.sign_off_requested(request, base_url=base_url)
    return request


@transaction.atomic
def cancel_request(request, *, user):
    if not can_request_sign_off(user, request.enrolment):
        raise PermissionDenied("Only the learner can cancel their request.")
    request = SignOffRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != SignOffRequest.Status.OPEN:
        raise ValidationError("This request has already been answered or cancelled.", code="closed")
    request.status = SignOffRequest.Status.CANCELLED
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at"])
    return request


@dataclass
class Subject:
    """What a decision on a request is made on: the criterion and, for each entry put forward that
    is still linked to it, its current version, the claim of how it shows the criterion and the
    files attached (subject format 2, ADR 11)."""

    data: dict
    versions: list  # EntryVersion, newest of each entry, with `.entry`
    withdrawn: list  # entries put forward but no longer linked
    claims: dict = field(default_factory=dict)  # entry id -> the link's claim
    files: dict = field(default_factory=dict)  # entry id -> [Attachment], in the order signed

    @property
    def hash(self):
        return subject_hash(self.data)


def request_subject(request):
    criterion = request.criterion
    put_forward = list(request.evidence.all())
    links = {
        link.entry_id: link
        for link in EvidenceLink.objects.filter(entry__in=put_forward, criterion=criterion).only(
            "entry_id", "how_it_shows", "how_it_shows_hash"
        )
    }
    entries = [e for e in put_forward if e.pk in links]
    newest = {
        v.entry_id: v
        for v in EntryVersion.objects.filter(entry__in=entries).select_related("entry").order_by("entry", "number")
    }
    files = {}
    for attachment in Attachment.objects.filter(entry__in=entries, hidden_at__isnull=True).order_by("uuid"):
        files.setdefault(attachment.entry_id, []).append(attachment)
    versions = sorted((newest[e.pk] for e in entries if e.pk in newest), key=lambda v: str(v.entry.uuid))
    data = {
        "type": "criterion",
        "format": SignedEvidence.FORMAT_WITH_CLAIMS_AND_FILES,
        "criterion": {"code": criterion.code, "title": criterion.title, "wording": criterion.wording},
        "evidence": [
            {
                "entry": str(v.entry.uuid),
                "version": v.number,
                "content_hash": v.content_hash,
                "claim_hash": links[v.entry_id].how_it_shows_hash,
                "files": [{"file": str(a.uuid), "sha256": a.sha256} for a in files.get(v.entry_id, [])],
            }
            for v in versions
        ],
    }
    withdrawn = [e for e in put_forward if e.pk not in links]
    claims = {entry_id: link.how_it_shows for entry_id, link in links.items()}
    return Subject(data=data, versions=versions, withdrawn=withdrawn, claims=claims, files=files)


def _clean_decision(
    enrolment,
    subject,
    outcome,
    comments,
    achieved_on,
    reflection,
    agreed_with_supervisor,
    actions,
    exceeds_expectations=False,
    exceeding_comment="",
):
    errors = {}
    if outcome not in Assessment.Outcome.values:
        errors["outcome"] = "Choose an outcome."
    if not (comments or "").strip():
        errors["comments"] = "Enter your comments and rationale."
    if outcome == Assessment.Outcome.ACHIEVED:
        if not subject.versions:
            errors["outcome"] = "A criterion can only be achieved on evidence: none is put forward."
        if achieved_on is None:
            errors["achieved_on"] = "Enter the date the criterion was achieved."
        elif achieved_on > timezone.localdate():
            errors["achieved_on"] = "The date achieved must be today or in the past."
        elif achieved_on < enrolment.cohort.start_date - datetime.timedelta(days=365):
            errors["achieved_on"] = "The date achieved is long before the programme started."
        if (exceeding_comment or "").strip() and not exceeds_expectations:
            errors["exceeds_expectations"] = (
                "Tick the box to say the learner is exceeding expectations, or remove that comment."
            )
    if outcome == Assessment.Outcome.DEVELOPMENT_NEED:
        try:
            if not actions:
                raise ValidationError("Agree at least one action for the action plan.")
            for action in actions:
                clean_action(action)
        except ValidationError as error:
            errors["actions"] = error.messages[0]
    if outcome == Assessment.Outcome.REFLECTION_ACCEPTED:
        if not (reflection or "").strip():
            errors["reflection"] = "Record the learner's critical reflection on the shortfall."
        if not (agreed_with_supervisor or "").strip():
            errors["agreed_with_supervisor"] = "Enter the name of the supervisor the reflection was agreed with."
    if errors:
        raise ValidationError(errors)


def record_decision(
    request,
    *,
    user,
    password,
    seen_subject_hash,
    outcome,
    comments,
    achieved_on=None,
    reflection="",
    agreed_with_supervisor="",
    actions=(),
    exceeds_expectations=False,
    exceeding_comment="",
    base_url="",
):
    """The assigned facilitator decides a request and signs the decision after re-entering their
    password. `seen_subject_hash` is the subject's hash on the page they read: if the evidence
    moved on since, nothing is signed. An achieved decision may say that the learner is
    exceeding expectations, with an optional comment."""
    if not can_assess(user, request.enrolment):
        raise PermissionDenied("Only the learner's assigned facilitator can sign off their criteria.")
    reauthenticate(user, password)
    return _record_decision(
        request,
        user=user,
        seen_subject_hash=seen_subject_hash,
        outcome=outcome,
        comments=comments,
        achieved_on=achieved_on,
        reflection=reflection,
        agreed_with_supervisor=agreed_with_supervisor,
        actions=list(actions),
        exceeds_expectations=exceeds_expectations,
        exceeding_comment=exceeding_comment,
        base_url=base_url,
    )


def check_decision(
    request,
    *,
    user,
    outcome,
    comments,
    achieved_on=None,
    reflection="",
    agreed_with_supervisor="",
    actions=(),
    exceeds_expectations=False,
    exceeding_comment="",
):
    """The checks `record_decision` makes, without the password and without writing anything: so
    that the facilitator is asked for their password once, when the decision is ready to sign."""
    if not can_assess(user, request.enrolment):
        raise PermissionDenied("Only the learner's assigned facilitator can sign off their criteria.")
    if request.status != SignOffRequest.Status.OPEN:
        raise ValidationError("This request has already been answered or cancelled.", code="closed")
    # A reflection accepted without one typed is the learner's own, agreed and confirmed (issue 12).
    reflection, agreed_with_supervisor = learners_reflection(request, outcome, reflection, agreed_with_supervisor)
    _clean_decision(
        request.enrolment,
        request_subject(request),
        outcome,
        comments,
        achieved_on,
        reflection,
        agreed_with_supervisor,
        list(actions),
        exceeds_expectations,
        exceeding_comment,
    )


@transaction.atomic
def _record_decision(
    request,
    *,
    user,
    seen_subject_hash,
    outcome,
    comments,
    achieved_on,
    reflection,
    agreed_with_supervisor,
    actions,
    exceeds_expectations,
    exceeding_comment,
    base_url,
):
    request = (
        SignOffRequest.objects.select_for_update(of=("self",))
        .select_related("enrolment__learner", "enrolment__cohort", "criterion")
        .get(pk=request.pk)
    )
    enrolment = request.enrolment
    if not can_assess(user, enrolment):
        raise PermissionDenied("Only the learner's assigned facilitator can sign off their criteria.")
    if request.status != SignOffRequest.Status.OPEN:
        raise ValidationError("This request has already been answered or cancelled.", code="closed")
    subject = request_subject(request)
    if subject.hash != seen_subject_hash:
        raise EvidenceMoved(
            "The evidence changed while you were reading it. Read it again, then sign.", code="evidence_moved"
        )
    reflection, agreed_with_supervisor = learners_reflection(request, outcome, reflection, agreed_with_supervisor)
    _clean_decision(
        enrolment,
        subject,
        outcome,
        comments,
        achieved_on,
        reflection,
        agreed_with_supervisor,
        actions,
        exceeds_expectations,
        exceeding_comment,
    )
    achieved = outcome == Assessment.Outcome.ACHIEVED
    exceeding = achieved and bool(exceeds_expectations)
    reflected = outcome == Assessment.Outcome.REFLECTION_ACCEPTED
    assessment = Assessment.objects.create(
        request=request,
        enrolment=enrolment,
        criterion=request.criterion,
        outcome=outcome,
        comments=comments.strip(),
        achieved_on=achieved_on if achieved else None,
        reflection=reflection.strip() if reflected else "",
        agreed_with_supervisor=agreed_with_supervisor.strip() if reflected else "",
        exceeds_expectations=exceeding,
        exceeding_comment=(exceeding_comment or "").strip() if exceeding else "",
        assessed_by=user,
    )
    bind_evidence(assessment, subject)
    agreed = []
    if outcome == Assessment.Outcome.DEVELOPMENT_NEED:
        for position, content in enumerate(actions, start=1):
            entry = create_agreed_action(enrolment=enrolment, content=content, facilitator=user)
            AgreedAction.objects.create(
                assessment=assessment, entry_uuid=entry.uuid, title=entry.title, position=position
            )
            agreed.append({"entry": str(entry.uuid), "content": entry.content})
    statement = {**decision_statement(assessment), "agreed_actions": agreed}
    make_signature(
        enrolment=enrolment,
        subject=subject.data,
        statement=statement,
        meaning=OUTCOME_MEANINGS[Assessment.Outcome(outcome)],
        capacity=Capacity.FACILITATOR,
        signer=user,
        signer_name=user.display_name,
        signer_role=Role.FACILITATOR.label,
        assessment=assessment,
    )
    request.status = SignOffRequest.Status.DECIDED
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at"])
    notifications.decision_recorded(assessment, base_url=base_url)
    return assessment


def decision_statement(assessment):
    """The signer's own statement of a decision, as its signature holds it (without the actions)."""
    return {
        "outcome": assessment.outcome,
        "comments": assessment.comments,
        "achieved_on": assessment.achieved_on.isoformat() if assessment.achieved_on else None,
        "reflection": assessment.reflection,
        "agreed_with_supervisor": assessment.agreed_with_supervisor,
        "exceeds_expectations": assessment.exceeds_expectations,
        "exceeding_comment": assessment.exceeding_comment,
    }


def bind_evidence(assessment, subject):
    """Keep with `assessment` each evidence version of `subject` and the files attached to it. Call
    inside the transaction that makes the assessment."""
    claim_hashes = {item["entry"]: item["claim_hash"] for item in subject.data["evidence"]}
    for version in subject.versions:  # one by one, so that the audit trail sees each
        signed = SignedEvidence.objects.create(
            assessment=assessment,
            entry_uuid=version.entry.uuid,
            version_number=version.number,
            content_hash=version.content_hash,
            title=version.title,
            subject_format=SignedEvidence.FORMAT_WITH_CLAIMS_AND_FILES,
            claim_hash=claim_hashes[str(version.entry.uuid)],
        )
        for attachment in subject.files.get(version.entry_id, []):
            SignedFile.objects.create(
                evidence=signed,
                entry_uuid=version.entry.uuid,
                attachment_uuid=attachment.uuid,
                sha256=attachment.sha256,
                name=attachment.original_name,
            )
            if not attachment.signed:
                # Kept for as long as the signature refers to it: removing it only hides it.
                attachment.signed = True
                attachment.save(update_fields=["signed"])
