"""Progress of many enrolments at once, for lists: a cohort page, a facilitator's or supervisor's
learners, a programme lead's cohorts. The same counts as portfolios.progress.portfolio_progress
gives for one portfolio, computed for all of them in a fixed number of queries (seven), however
many enrolments, entries and sign-offs there are.

Falling behind: a learner in progress is falling behind when an action of their action plan is
past its date to complete or review, or when fewer criteria have evidence than expected by now.
Evidence is expected to build up evenly after the first four weeks (WS1 and WS2, before the
domain workshops are under way): with W weeks gone of a programme of P weeks and C criteria,
expected = C × (W − 4) ÷ (P − 4), rounded down (none in the first four weeks, all by the end)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from coordinated_care.portfolios.kinds import KINDS
from coordinated_care.portfolios.models import Entry, EvidenceLink
from coordinated_care.programmes.models import Criterion, Enrolment, PersonCentredValue, RequiredDocument

GRACE_WEEKS = 4


@dataclass
class ProgressSummary:
    enrolment: Enrolment
    criteria_total: int
    criteria_with_evidence: int
    criteria_signed_off: int
    documents_missing: list
    overdue_actions: int
    expected_with_evidence: int
    reasons: list = field(default_factory=list)

    @property
    def falling_behind(self):
        return bool(self.reasons)


def weeks_elapsed(cohort, today):
    return max((today - cohort.start_date).days // 7, 0)


def expected_with_evidence(criteria_total, cohort, today):
    """How many criteria should have evidence by `today` (see the module's docstring)."""
    weeks = weeks_elapsed(cohort, today)
    programme_weeks = max((cohort.end_date - cohort.start_date).days // 7, GRACE_WEEKS + 1)
    if weeks <= GRACE_WEEKS:
        return 0
    return min(criteria_total, criteria_total * (weeks - GRACE_WEEKS) // (programme_weeks - GRACE_WEEKS))


def falling_behind_reasons(summary):
    if summary.enrolment.status != Enrolment.Status.ACTIVE:
        return []
    reasons = []
    if summary.overdue_actions:
        plural = "action is" if summary.overdue_actions == 1 else "actions are"
        reasons.append(f"{summary.overdue_actions} {plural} overdue")
    if summary.criteria_with_evidence < summary.expected_with_evidence:
        reasons.append(
            f"evidence for {summary.criteria_with_evidence} of {summary.criteria_total} criteria, "
            f"{summary.expected_with_evidence} expected by now"
        )
    return reasons


def values_worksheet_complete(content, values):
    """The rule of portfolios.progress: every value has both what it is and why it matters."""
    answers = (content or {}).get("values", {})
    return all(
        (answers.get(name) or {}).get("what", "").strip() and (answers.get(name) or {}).get("why", "").strip()
        for name in values
    )


def _signed_off_counts(enrolment_ids):
    """{enrolment id: criteria signed off}, in one query, by the assessment app's own rule (its
    status.criterion_outcomes, for one portfolio): the latest request for a criterion that was not
    cancelled decides, and only a standing "achieved" or "reflection accepted" counts."""
    # Imported here: the assessment app depends on programmes, not the other way round.
    from coordinated_care.assessments.models import SignOffRequest
    from coordinated_care.assessments.services.status import DONE, requests_with_state, state_of

    requests = requests_with_state(
        SignOffRequest.objects.filter(enrolment_id__in=enrolment_ids).exclude(status=SignOffRequest.Status.CANCELLED)
    ).order_by("requested_at", "pk")
    latest = {}
    for request in requests:
        latest[(request.enrolment_id, request.criterion_id)] = request
    counts = {}
    for (enrolment_id, _), request in latest.items():
        if state_of(request).status in DONE:
            counts[enrolment_id] = counts.get(enrolment_id, 0) + 1
    return counts


def summarise(enrolments, today=None):
    """{enrolment id: ProgressSummary}. Each enrolment needs its cohort and the cohort's programme
    loaded (select_related("cohort__programme"))."""
    today = today or timezone.localdate()
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    ids = [enrolment.pk for enrolment in enrolments]
    programme_ids = {enrolment.cohort.programme_id for enrolment in enrolments}

    criteria_totals = dict(
        Criterion.objects.filter(programme_id__in=programme_ids)
        .order_by()  # no ordering: it would join the groups for nothing
        .values("programme").annotate(n=Count("pk")).values_list("programme", "n")
    )
    with_evidence = dict(
        EvidenceLink.objects.filter(entry__enrolment_id__in=ids)
        .order_by()
        .values("entry__enrolment").annotate(n=Count("criterion", distinct=True)).values_list("entry__enrolment", "n")
    )
    kind_counts, overdue = {}, {}
    rows = (
        Entry.objects.filter(enrolment_id__in=ids)
        .order_by()
        .values("enrolment", "kind")
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=Q(kind=Entry.Kind.ACTION, status=Entry.Status.OPEN, due_on__lt=today)),
        )
    )
    for row in rows:
        kind_counts.setdefault(row["enrolment"], {})[row["kind"]] = row["n"]
        overdue[row["enrolment"]] = overdue.get(row["enrolment"], 0) + row["overdue"]
    documents = {}
    for document in RequiredDocument.objects.filter(programme_id__in=programme_ids).order_by("programme", "position"):
        documents.setdefault(document.programme_id, []).append(document)
    values = {}
    for programme_id, name in PersonCentredValue.objects.filter(programme_id__in=programme_ids).values_list(
        "programme", "name"
    ):
        values.setdefault(programme_id, []).append(name)
    worksheets = dict(
        Entry.objects.filter(enrolment_id__in=ids, kind=Entry.Kind.VALUES_WORKSHEET)
        .order_by("enrolment", "created_at").values_list("enrolment", "content")
    )  # one per portfolio; were there more, the newest (last) wins
    signed_off = _signed_off_counts(ids)

    summaries = {}
    for enrolment in enrolments:
        programme_id = enrolment.cohort.programme_id
        counted = _document_counts(kind_counts.get(enrolment.pk, {}))
        worksheet = worksheets.get(enrolment.pk)
        counted[RequiredDocument.Kind.VALUES_WORKSHEET] = int(
            worksheet is not None and values_worksheet_complete(worksheet, values.get(programme_id, []))
        )
        total = criteria_totals.get(programme_id, 0)
        summary = ProgressSummary(
            enrolment=enrolment,
            criteria_total=total,
            criteria_with_evidence=with_evidence.get(enrolment.pk, 0),
            criteria_signed_off=signed_off.get(enrolment.pk, 0),
            documents_missing=[d for d in documents.get(programme_id, []) if counted.get(d.kind, 0) < d.minimum],
            overdue_actions=overdue.get(enrolment.pk, 0),
            expected_with_evidence=expected_with_evidence(total, enrolment.cohort, today),
        )
        summary.reasons = falling_behind_reasons(summary)
        summaries[enrolment.pk] = summary
    return summaries


def _document_counts(kind_counts):
    counted = {}
    for kind, spec in KINDS.items():
        if spec.counts_towards:
            counted[spec.counts_towards] = counted.get(spec.counts_towards, 0) + kind_counts.get(kind, 0)
    return counted
