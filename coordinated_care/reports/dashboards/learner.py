"""A learner's picture over time: their criteria signed off month by month against the
programme's pace (pace.py), as a chart and the table it draws.

Which criteria stand signed off is the assessment app's rule (`criterion_states`: the latest
request not cancelled decides, and a sign-off whose evidence changed since no longer counts); the
month a criterion counts from is the date achieved the facilitator gave, or the day they signed."""

from django.urls import reverse
from django.utils import timezone

from coordinated_care.assessments.services.status import DONE, criterion_states
from coordinated_care.programmes.models import Criterion

from .charts import line_chart
from .pace import expected_signed_off, learner_start, month_end, pace_of


def signed_off_dates(enrolment):
    """{criterion id: the date it was signed off} for the criteria that stand signed off now."""
    dates = {}
    for criterion_id, state in criterion_states(enrolment).items():
        if state.status in DONE and state.assessment is not None:
            assessment = state.assessment
            dates[criterion_id] = assessment.achieved_on or timezone.localdate(assessment.created_at)
    return dates


def months_table(enrolment, criteria_total, dates, today):
    """A row a month of the programme, up to the month the learner is in: what was expected by
    its end and how many were signed off by then (by today, for the month under way)."""
    start = learner_start(enrolment)
    pace = pace_of(enrolment, criteria_total, len(dates), today)
    rows = []
    for month in range(1, pace.duration + 1):
        end = month_end(start, month)
        reached = month <= pace.month
        rows.append(
            {
                "month": month,
                "ends": end,
                "expected": expected_signed_off(criteria_total, month, pace.duration),
                "signed_off": sum(1 for day in dates.values() if day <= min(end, today)) if reached else None,
                "current": month == pace.month and end >= today,
            }
        )
    return pace, rows


def progress_page(enrolment, user, today=None):
    """`enrolment` as `readable_enrolment` found it: three queries."""
    today = today or timezone.localdate()
    criteria_total = Criterion.objects.filter(programme_id=enrolment.cohort.programme_id).count()
    dates = signed_off_dates(enrolment)
    pace, rows = months_table(enrolment, criteria_total, dates, today)
    chart = line_chart(
        "chart-over-time",
        "Criteria signed off by the end of each month, against the expected pace",
        [f"Month {row['month']}" for row in rows],
        [
            ("Expected pace", [row["expected"] for row in rows], True),
            ("Signed off", [row["signed_off"] for row in rows], False),
        ],
        y_max=criteria_total,
        description=(
            f"{pace.signed_off} of {criteria_total} criteria signed off in month {pace.month} of {pace.duration}; "
            f"{pace.expected} expected by now."
        ),
    )
    own = user.pk == enrolment.learner_id
    return {
        "page_title": "Your progress over time" if own else f"Progress over time: {enrolment.learner.display_name}",
        "own": own,
        "enrolment": enrolment,
        "criteria_total": criteria_total,
        "pace": pace,
        "rows": rows,
        "chart": chart,
        "start": learner_start(enrolment),
        "overview_href": reverse("portfolios:overview", args=[enrolment.uuid]),
    }
