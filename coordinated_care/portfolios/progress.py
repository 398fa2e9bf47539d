"""Progress at a glance: what a learner's home page and their supporters' lists show.

Computed in a fixed number of queries however many entries the portfolio holds."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from coordinated_care.programmes.models import Criterion, RequiredDocument, Workshop

from .kinds import KINDS
from .models import Entry, EvidenceLink


@dataclass
class CriterionProgress:
    criterion: Criterion
    evidence_count: int
    # Filled in by the assessment app once sign-off exists: "achieved", "development_need", ...
    outcome: str = ""

    @property
    def status(self):
        if self.outcome:
            return self.outcome
        return "has_evidence" if self.evidence_count else "no_evidence"


@dataclass
class GroupProgress:
    group: object
    criteria: list = field(default_factory=list)

    @property
    def with_evidence(self):
        return sum(1 for c in self.criteria if c.evidence_count)

    @property
    def signed_off(self):
        return sum(1 for c in self.criteria if c.outcome in ("achieved", "reflection_accepted"))


@dataclass
class DocumentProgress:
    document: RequiredDocument
    count: int
    href: str = ""

    @property
    def done(self):
        return self.count >= self.document.minimum


@dataclass
class PortfolioProgress:
    enrolment: object
    groups: list
    documents: list
    next_workshop: Workshop | None
    overdue_actions: list
    today: datetime.date

    @property
    def criteria_total(self):
        return sum(len(g.criteria) for g in self.groups)

    @property
    def criteria_with_evidence(self):
        return sum(g.with_evidence for g in self.groups)

    @property
    def criteria_signed_off(self):
        return sum(g.signed_off for g in self.groups)

    @property
    def documents_missing(self):
        return [d for d in self.documents if not d.done]


def _values_worksheet_complete(enrolment, values):
    worksheet = Entry.objects.filter(enrolment=enrolment, kind=Entry.Kind.VALUES_WORKSHEET).first()
    if worksheet is None:
        return 0
    answers = worksheet.content.get("values", {})
    done = all(
        (answers.get(value.name) or {}).get("what", "").strip() and (answers.get(value.name) or {}).get("why", "").strip()
        for value in values
    )
    return 1 if done else 0


def portfolio_progress(enrolment, today=None):
    today = today or timezone.localdate()
    programme = enrolment.cohort.programme
    criteria = list(Criterion.objects.filter(programme=programme).select_related("group").order_by("group__position", "position"))
    evidence_counts = dict(
        EvidenceLink.objects.filter(entry__enrolment=enrolment)
        .values("criterion")
        .annotate(n=Count("entry", distinct=True))
        .values_list("criterion", "n")
    )
    # Sign-off from the assessment app, in one query: {criterion id: "achieved", "awaiting", ...}.
    from coordinated_care.assessments.services.status import criterion_outcomes

    outcomes = criterion_outcomes(enrolment)
    groups = {}
    for criterion in criteria:
        group = groups.setdefault(criterion.group_id, GroupProgress(group=criterion.group))
        group.criteria.append(
            CriterionProgress(
                criterion=criterion,
                evidence_count=evidence_counts.get(criterion.pk, 0),
                outcome=outcomes.get(criterion.pk, ""),
            )
        )

    kind_counts = dict(
        Entry.objects.filter(enrolment=enrolment).values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    counted = {}
    for kind, spec in KINDS.items():
        if spec.counts_towards:
            counted[spec.counts_towards] = counted.get(spec.counts_towards, 0) + kind_counts.get(kind, 0)
    values = list(programme.values.all())
    counted[RequiredDocument.Kind.VALUES_WORKSHEET] = _values_worksheet_complete(enrolment, values)
    documents = [
        DocumentProgress(document=document, count=counted.get(document.kind, 0))
        for document in programme.required_documents.all()
    ]
    next_workshop = Workshop.objects.filter(cohort=enrolment.cohort_id, date__gte=today).order_by("date").first()
    overdue_actions = list(
        Entry.objects.filter(
            enrolment=enrolment, kind=Entry.Kind.ACTION, status=Entry.Status.OPEN, due_on__lt=today
        ).order_by("due_on")
    )
    return PortfolioProgress(
        enrolment=enrolment,
        groups=list(groups.values()),
        documents=documents,
        next_workshop=next_workshop,
        overdue_actions=overdue_actions,
        today=today,
    )
