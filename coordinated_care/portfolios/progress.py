"""Progress at a glance: what a learner's home page and their supporters' lists show.

One set of counting rules, `progress_counts`, for one portfolio (`portfolio_progress`: the
learner's home page and the portfolio overview) and for lists of them
(programmes.presenters.progress.summarise: the cohort page and the supporters' home pages),
computed for any number of enrolments in a fixed number of queries however many entries, feedback
responses, sign-offs and reviews the portfolios hold.

The rules:
- a criterion has evidence when an entry or a feedback response is linked to it as evidence;
- a criterion's outcome is the assessment app's (the latest request not cancelled decides);
- required documents count their entries (portfolios.kinds: counts_towards); the feedback document
  counts feedback responses too; the values worksheet is done when every value has both what it is
  and why it matters, in progress once written in; the initial discussion and the final review are
  done when fully signed (the assessment app's rule), in progress once the review is started;
- an action is overdue when it is open and past its date.

The feedback responses, the outcomes and the reviews belong to apps above portfolios: they come
from the providers those apps register (`providers.register_progress`, ADR 10)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from coordinated_care.programmes.models import Attendance, Criterion, PersonCentredValue, RequiredDocument, Workshop

from . import facts, providers
from .kinds import KINDS
from .models import Entry, EvidenceLink

SIGNED_OFF = frozenset({"achieved", "reflection_accepted"})
UNREAD = object()  # an argument not given, where None is a value


@dataclass
class CriterionProgress:
    criterion: Criterion
    evidence_count: int
    # From the assessment app: "achieved", "development_need", "awaiting", ...
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
        return sum(1 for c in self.criteria if c.outcome in SIGNED_OFF)


@dataclass
class DocumentProgress:
    document: RequiredDocument
    count: int
    href: str = ""
    # Something written towards it, even if not yet enough (a part-filled worksheet, a review
    # started but not fully signed).
    started: bool = False

    @property
    def done(self):
        return self.count >= self.document.minimum

    @property
    def state(self):
        if self.done:
            return "done"
        return "in_progress" if self.started or self.count else "not_started"


@dataclass
class PortfolioCounts:
    """What progress_counts finds for one enrolment."""

    enrolment: object
    criteria: list  # the programme's criteria, in order, with their groups
    evidence: dict  # criterion id → entries and feedback responses linked to it
    outcomes: dict  # criterion id → the assessment app's status, where there is one
    documents: list  # DocumentProgress, in the programme's order
    # Open actions past their date, earliest first (facts.OverdueAction: their id and date).
    overdue_actions: list
    attended: int = 0  # workshops marked attended
    # What counts towards every kind of document the facts hold, required by the programme or not
    # (kind → count): the final review's 1 when it is fully signed.
    counted: dict = field(default_factory=dict)

    @property
    def criteria_total(self):
        return len(self.criteria)

    @property
    def criteria_with_evidence(self):
        return sum(1 for c in self.criteria if self.evidence.get(c.pk))

    @property
    def criteria_signed_off(self):
        return sum(1 for c in self.criteria if self.outcomes.get(c.pk) in SIGNED_OFF)

    @property
    def documents_missing(self):
        return [d for d in self.documents if not d.done]


@dataclass
class PortfolioProgress:
    enrolment: object
    groups: list
    documents: list
    next_workshop: Workshop | None
    overdue_actions: list
    today: datetime.date
    counted: dict = field(default_factory=dict)  # PortfolioCounts.counted

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


def values_worksheet_complete(content, values):
    """Every value (by name) has both what it is and why it matters."""
    answers = (content or {}).get("values", {})
    return all(
        (answers.get(name) or {}).get("what", "").strip() and (answers.get(name) or {}).get("why", "").strip()
        for name in values
    )


def progress_counts(enrolments, today=None):
    """{enrolment id: PortfolioCounts} for the enrolments (each with its cohort and the cohort's
    programme loaded), from the progress facts stored for them (portfolios.facts): two queries for
    the programmes' criteria and documents and one for the facts (none when the enrolments were
    loaded with select_related("progress_facts")), and the fifteen of `portfolio_facts` for the
    portfolios changed since their facts were last counted. None when there are none."""
    if not enrolments:
        return {}
    enrolments = list(enrolments)
    return counts_from(enrolments, facts.stored(enrolments, portfolio_facts), today)


def counted_progress_counts(enrolments, today=None):
    """progress_counts counted from the portfolios themselves, whatever is stored: what the stored
    facts are checked against (check_progress_facts)."""
    if not enrolments:
        return {}
    enrolments = list(enrolments)
    return counts_from(enrolments, portfolio_facts(enrolments), today)


def portfolio_facts(enrolments):
    """{enrolment id: facts} (portfolios.facts.to_facts) counted from the portfolios, in a fixed
    number of queries (thirteen, with the assessment and feedback apps' providers)."""
    by_id = {enrolment.pk: enrolment for enrolment in enrolments}
    ids = list(by_id)
    programme_ids = {enrolment.cohort.programme_id for enrolment in by_id.values()}

    evidence = {}
    for enrolment_id, criterion_id, n in (
        EvidenceLink.objects.filter(entry__enrolment_id__in=ids)
        .order_by()
        .values("entry__enrolment", "criterion")
        .annotate(n=Count("entry", distinct=True))
        .values_list("entry__enrolment", "criterion", "n")
    ):
        evidence.setdefault(enrolment_id, {})[criterion_id] = n
    outcomes, provided = {}, {}
    for provider in providers.progress_providers():
        if provider.evidence is not None:  # feedback responses as evidence
            for (enrolment_id, criterion_id), n in provider.evidence(ids).items():
                counts = evidence.setdefault(enrolment_id, {})
                counts[criterion_id] = counts.get(criterion_id, 0) + n
        if provider.outcomes is not None:
            for (enrolment_id, criterion_id), status in provider.outcomes(ids).items():
                outcomes.setdefault(enrolment_id, {})[criterion_id] = status
        if provider.documents is not None:  # feedback responses, signed reviews
            for (enrolment_id, kind), (n, begun) in provider.documents(ids, programme_ids).items():
                before, begun_before = provided.setdefault(enrolment_id, {}).get(kind, (0, False))
                provided[enrolment_id][kind] = (before + n, begun_before or begun)

    kind_counts = {}
    for enrolment_id, kind, n in (
        Entry.objects.filter(enrolment_id__in=ids)
        .order_by()
        .values("enrolment", "kind")
        .annotate(n=Count("pk"))
        .values_list("enrolment", "kind", "n")
    ):
        kind_counts.setdefault(enrolment_id, {})[kind] = n
    open_actions = {}
    for enrolment_id, pk, due_on in (
        Entry.objects.filter(
            enrolment_id__in=ids, kind=Entry.Kind.ACTION, status=Entry.Status.OPEN, due_on__isnull=False
        )
        .order_by("due_on", "pk")
        .values_list("enrolment", "pk", "due_on")
    ):
        open_actions.setdefault(enrolment_id, []).append([pk, due_on.isoformat()])
    values = {}
    for programme_id, name in PersonCentredValue.objects.filter(programme_id__in=programme_ids).values_list(
        "programme", "name"
    ):
        values.setdefault(programme_id, []).append(name)
    worksheets = dict(
        Entry.objects.filter(enrolment_id__in=ids, kind=Entry.Kind.VALUES_WORKSHEET)
        .order_by("enrolment", "created_at", "pk")
        .values_list("enrolment", "content")
    )  # one per portfolio; were there more, the newest (last) wins
    attended = dict(
        Attendance.objects.filter(enrolment_id__in=ids, mark=Attendance.Mark.ATTENDED)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values_list("enrolment", "n")
    )

    result = {}
    for enrolment_id, enrolment in by_id.items():
        counted, started = {}, set()
        for kind, spec in KINDS.items():
            if spec.counts_towards:
                n = kind_counts.get(enrolment_id, {}).get(kind, 0)
                counted[spec.counts_towards] = counted.get(spec.counts_towards, 0) + n
        for kind, (n, begun) in provided.get(enrolment_id, {}).items():
            counted[kind] = counted.get(kind, 0) + n
            if begun:
                started.add(kind)
        worksheet = worksheets.get(enrolment_id)
        if worksheet is not None:
            started.add(RequiredDocument.Kind.VALUES_WORKSHEET)
        counted[RequiredDocument.Kind.VALUES_WORKSHEET] = int(
            worksheet is not None
            and values_worksheet_complete(worksheet, values.get(enrolment.cohort.programme_id, []))
        )
        result[enrolment_id] = {
            # JSON's keys are strings: criterion ids are written as text and read back as numbers.
            "evidence": {str(k): n for k, n in evidence.get(enrolment_id, {}).items()},
            "outcomes": {str(k): status for k, status in outcomes.get(enrolment_id, {}).items()},
            "documents": {
                str(kind): [counted.get(kind, 0), kind in started or counted.get(kind, 0) > 0]
                for kind in {*counted, *started}
            },
            "open_actions": open_actions.get(enrolment_id, []),
            "attended": attended.get(enrolment_id, 0),
        }
    return result


def counts_from(enrolments, found, today=None):
    """PortfolioCounts from the facts `found` ({enrolment id: facts}) and the programmes'
    criteria and required documents: two queries."""
    today = today or timezone.localdate()
    programme_ids = {enrolment.cohort.programme_id for enrolment in enrolments}
    criteria = {}
    for criterion in (
        Criterion.objects.filter(programme_id__in=programme_ids)
        .select_related("group")
        .order_by("programme", "group__position", "position")
    ):
        criteria.setdefault(criterion.programme_id, []).append(criterion)
    documents = {}
    for document in RequiredDocument.objects.filter(programme_id__in=programme_ids).order_by("programme", "position"):
        documents.setdefault(document.programme_id, []).append(document)

    result = {}
    for enrolment in enrolments:
        one = found[enrolment.pk]
        counted = one["documents"]
        result[enrolment.pk] = PortfolioCounts(
            enrolment=enrolment,
            criteria=criteria.get(enrolment.cohort.programme_id, []),
            evidence={int(k): n for k, n in one["evidence"].items()},
            outcomes={int(k): status for k, status in one["outcomes"].items()},
            documents=[
                DocumentProgress(
                    document=d,
                    count=counted.get(d.kind, [0, False])[0],
                    started=counted.get(d.kind, [0, False])[1],
                )
                for d in documents.get(enrolment.cohort.programme_id, [])
            ],
            overdue_actions=facts.overdue_from(one, today),
            attended=one["attended"],
            counted={kind: n for kind, (n, _started) in counted.items()},
        )
    return result


def next_workshop(enrolment, today):
    """The cohort's next workshop from today, or None: one query."""
    return Workshop.objects.filter(cohort=enrolment.cohort_id, date__gte=today).order_by("date").first()


def portfolio_progress(enrolment, today=None, *, upcoming=UNREAD):
    """One portfolio's PortfolioProgress; `upcoming` is its next workshop when the caller has
    read it already (next_workshop)."""
    today = today or timezone.localdate()
    counts = progress_counts([enrolment], today)[enrolment.pk]
    groups = {}
    for criterion in counts.criteria:
        group = groups.setdefault(criterion.group_id, GroupProgress(group=criterion.group))
        group.criteria.append(
            CriterionProgress(
                criterion=criterion,
                evidence_count=counts.evidence.get(criterion.pk, 0),
                outcome=counts.outcomes.get(criterion.pk, ""),
            )
        )
    if upcoming is UNREAD:
        upcoming = next_workshop(enrolment, today)
    overdue = [a.pk for a in counts.overdue_actions]
    actions = Entry.objects.filter(pk__in=overdue).in_bulk() if overdue else {}
    return PortfolioProgress(
        enrolment=enrolment,
        groups=list(groups.values()),
        documents=counts.documents,
        next_workshop=upcoming,
        overdue_actions=[actions[pk] for pk in overdue if pk in actions],
        today=today,
        counted=counts.counted,
    )
