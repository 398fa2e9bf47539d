"""Progress of many enrolments at once, for lists: a cohort page, a facilitator's or supervisor's
learners, a programme lead's cohorts. The same counts as portfolios.progress.portfolio_progress
gives for one portfolio, by the same rules (portfolios.progress.progress_counts, reached through
the counter the portfolios app registers: providers.count_progress), computed for all of them in a
fixed number of queries (fifteen), however many enrolments, entries, feedback responses, sign-offs
and reviews there are.

Falling behind: a learner in progress is falling behind when an action of their action plan is
past its date to complete or review, or when fewer criteria have evidence than expected by now.
Evidence is expected to build up evenly after the first four weeks (WS1 and WS2, before the
domain workshops are under way): with W weeks gone of a programme of P weeks and C criteria,
expected = C × (W − 4) ÷ (P − 4), rounded down (none in the first four weeks, all by the end)."""

from dataclasses import dataclass, field

from django.utils import timezone

from coordinated_care.programmes.models import Enrolment
from coordinated_care.programmes.providers import count_progress

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


def summarise(enrolments, today=None):
    """{enrolment id: ProgressSummary}. Each enrolment needs its cohort and the cohort's programme
    loaded (select_related("cohort__programme"))."""
    today = today or timezone.localdate()
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    counts = count_progress(enrolments, today)

    summaries = {}
    for enrolment in enrolments:
        one = counts[enrolment.pk]
        summary = ProgressSummary(
            enrolment=enrolment,
            criteria_total=one.criteria_total,
            criteria_with_evidence=one.criteria_with_evidence,
            criteria_signed_off=one.criteria_signed_off,
            documents_missing=[d.document for d in one.documents_missing],
            overdue_actions=len(one.overdue_actions),
            expected_with_evidence=expected_with_evidence(one.criteria_total, enrolment.cohort, today),
        )
        summary.reasons = falling_behind_reasons(summary)
        summaries[enrolment.pk] = summary
    return summaries
