"""What changed in a sign-off's evidence since it was signed, word by word: the page where the
facilitator who signed it reads the difference and, if it does not alter what they assessed,
re-confirms it (services/reconfirming.py)."""

import difflib
import json
import re
from dataclasses import dataclass, field

from django.urls import reverse

from coordinated_care.core.dates import utc
from coordinated_care.portfolios.kinds import KINDS
from coordinated_care.portfolios.models import Attachment, Entry, EntryVersion, EvidenceLink

from ..models import SignedEvidence, SignedFile, SignOffRequest
from ..services.reconfirming import reconfirm_refusal
from ..services.sign_offs import request_subject
from ..services.status import requests_with_state, state_of
from .evidence import sections_of

SAME, ADDED, REMOVED = "same", "added", "removed"
_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(before, after):
    """[(kind, text)] turning `before` into `after` word by word: kind is "same", "added" or
    "removed"; the spaces between words go with the words around them."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append((SAME, "".join(old[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append((REMOVED, "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            parts.append((ADDED, "".join(new[j1:j2])))
    merged = []
    for kind, text in parts:
        if not text:
            continue
        if kind != SAME and not text.strip() and merged:
            # A change of spacing alone is not a change of words.
            kind = SAME
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


@dataclass
class SectionChange:
    label: str
    parts: list  # word_diff

    @property
    def words_added(self):
        return sum(len(text.split()) for kind, text in self.parts if kind == ADDED)

    @property
    def words_removed(self):
        return sum(len(text.split()) for kind, text in self.parts if kind == REMOVED)


@dataclass
class EvidenceChange:
    title: str
    kind: str
    signed_version: int
    current_version: int | None  # None: the entry was deleted
    linked: bool  # still linked to the criterion
    sections: list = field(default_factory=list)  # SectionChange, only those that changed
    claim_rewritten: bool = False
    claim_now: str = ""
    files_added: list = field(default_factory=list)
    files_removed: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(
            self.current_version != self.signed_version
            or not self.linked
            or self.sections
            or self.claim_rewritten
            or self.files_added
            or self.files_removed
        )


def _section_changes(kind, signed, current):
    before = dict(sections_of(kind, signed.content)) if signed else {}
    after = dict(sections_of(kind, current.content)) if current else {}
    if signed and current and signed.title != current.title:
        before = {"Title": signed.title, **before}
        after = {"Title": current.title, **after}
    labels = list(dict.fromkeys([*before, *after]))
    changes = []
    for label in labels:
        if before.get(label, "") != after.get(label, ""):
            changes.append(SectionChange(label, word_diff(before.get(label, ""), after.get(label, ""))))
    return changes


def evidence_changes(assessment, criterion):
    """For each evidence version `assessment` was signed on, what is different now. A few queries
    per entry signed: a sign-off is made on a handful."""
    changes = []
    for signed in SignedEvidence.objects.filter(assessment=assessment).order_by("title", "pk"):
        entry = Entry.objects.filter(uuid=signed.entry_uuid).first()
        versions = {v.number: v for v in EntryVersion.objects.filter(entry=entry)} if entry else {}
        signed_version = versions.get(signed.version_number)
        current = versions[max(versions)] if versions else None
        link = EvidenceLink.objects.filter(entry=entry, criterion=criterion).first() if entry else None
        kind = entry.kind if entry else ""
        spec = KINDS.get(kind)
        signed_files = {f.attachment_uuid: f.name for f in SignedFile.objects.filter(evidence=signed)}
        now_files = (
            {a.uuid: a.original_name for a in Attachment.objects.filter(entry=entry, hidden_at__isnull=True)}
            if entry
            else {}
        )
        bound = signed.subject_format >= SignedEvidence.FORMAT_WITH_CLAIMS_AND_FILES
        claim_rewritten = bool(bound and link and link.how_it_shows_hash != signed.claim_hash)
        changes.append(
            EvidenceChange(
                title=signed.title,
                kind=spec.label if spec else (entry.get_kind_display() if entry else ""),
                signed_version=signed.version_number,
                current_version=current.number if current else None,
                linked=link is not None,
                sections=_section_changes(kind, signed_version, current) if current else [],
                claim_rewritten=claim_rewritten,
                claim_now=link.how_it_shows if claim_rewritten else "",
                files_added=sorted(name for uuid, name in now_files.items() if bound and uuid not in signed_files),
                files_removed=sorted(name for uuid, name in signed_files.items() if uuid not in now_files),
            )
        )
    return changes


def changes_page(request_obj, user):
    """The changes since a sign-off was signed, and whether this person may re-confirm it."""
    criterion = request_obj.criterion
    enrolment = request_obj.enrolment
    state = state_of(requests_with_state(SignOffRequest.objects.filter(pk=request_obj.pk)).get())
    assessment = state.assessment
    wording = []
    signed_at = ""
    if assessment is not None:
        signature = assessment.signature
        signed_at = utc(signature.signed_at)
        subject = json.loads(signature.payload).get("subject") or {}
        signed_wording = (subject.get("criterion") or {}).get("wording") or ""
        if signed_wording != criterion.wording:
            wording = word_diff(signed_wording, criterion.wording)
    evidence = [c for c in evidence_changes(assessment, criterion) if c.changed] if assessment else []
    refusal = reconfirm_refusal(state, user)
    return {
        "page_title": f"Changes since you signed {criterion.code}",
        "sign_off_request": request_obj,
        "learner": enrolment.learner,
        "criterion": criterion,
        "status": state.status,
        "problems": list(state.problems),
        "signed_at_utc": signed_at,
        "outcome_label": assessment.get_outcome_display() if assessment else "",
        "wording": wording,
        "evidence": evidence,
        "refusal": refusal,
        "can_reconfirm": not refusal,
        "subject_hash": request_subject(request_obj).hash if not refusal else "",
        "request_href": reverse("assessments:request", args=[request_obj.uuid]),
    }
