"""What each reminder says, for one person on one day (ADR 19).

Only counts, the titles and codes of criteria, dates, workshop numbers and themes (the programme's
words) and the names of learners: never anything written in a portfolio (an entry's title or
text, a request's note, a comment) and so never a patient's detail. Each function returns the
lines of the message, or [] when there is nothing to say (and nothing is sent)."""

import datetime

from django.db.models import Max
from django.utils import timezone

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role
from coordinated_care.assessments.services.caseload import caseload
from coordinated_care.core import dates
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Cohort, Enrolment, Workshop
from coordinated_care.reports.dashboards.cohort import learner_rows

# A learner is quiet when nothing in their portfolio was added or changed for this long.
QUIET_AFTER = datetime.timedelta(days=21)
WORKSHOP_WITHIN = datetime.timedelta(days=7)


def _plural(count, one, many=None):
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _criteria(requests):
    return "; ".join(f"{r.criterion.code} {r.criterion.title}" for r in requests)


def facilitator_digest(user, today):
    """What waits for a facilitator, what changed, and who has been quiet, learner by learner."""
    if not has_role(user, Role.FACILITATOR):
        return []
    cases = caseload(user)
    if not cases:
        return []
    last_change = dict(
        Entry.objects.filter(enrolment__in=[c.enrolment.pk for c in cases])
        .order_by()
        .values("enrolment")
        .annotate(last=Max("updated_at"))
        .values_list("enrolment", "last")
    )
    waiting, changed, quiet = [], [], []
    for case in cases:
        name = case.enrolment.learner.display_name
        parts = []
        if case.requests:
            parts.append(f"{_plural(len(case.requests), 'sign-off request')} ({_criteria(case.requests)})")
        if case.to_sign:
            parts.append(f"{_plural(len(case.to_sign), 'review')} to sign")
        overdue = [due for due in case.due if due.overdue(today)]
        if overdue:
            parts.append(
                f"{_plural(len(overdue), 'review')} overdue since {dates.date(min(d.due_on for d in overdue))}"
            )
        if parts:
            waiting.append(f"- {name}: {', '.join(parts)}")
        news = []
        if case.changed:
            news.append(f"evidence changed since signed off for {_criteria(case.changed)}")
        if case.new_evidence:
            news.append(f"{_plural(case.new_evidence, 'entry', 'entries')} of evidence new since you last looked")
        if news:
            changed.append(f"- {name}: {', '.join(news)}")
        last = last_change.get(case.enrolment.pk) or case.enrolment.created_at
        if last is None or timezone.localdate(last) <= today - QUIET_AFTER:
            since = f"nothing added or changed since {dates.date(timezone.localdate(last))}" if last else "nothing yet"
            quiet.append(f"- {name}: {since}")
    if not (waiting or changed or quiet):
        return []
    lines = []
    for heading, rows in (
        ("Waiting for you", waiting),
        ("Changed", changed),
        (f"Quiet for {QUIET_AFTER.days // 7} weeks or more", quiet),
    ):
        if rows:
            lines += [heading, *rows, ""]
    return lines


def overdue_actions(user, today):
    """How many of the learner's actions are past their date, and the earliest date."""
    if not has_role(user, Role.LEARNER):
        return []
    due = list(
        Entry.objects.filter(
            enrolment__learner=user,
            enrolment__status=Enrolment.Status.ACTIVE,
            kind=Entry.Kind.ACTION,
            status=Entry.Status.OPEN,
            due_on__lt=today,
        )
        .order_by("due_on")
        .values_list("due_on", flat=True)
    )
    if not due:
        return []
    return [
        f"{_plural(len(due), 'action')} of your action plan {'is' if len(due) == 1 else 'are'} past the date you gave "
        f"{'it' if len(due) == 1 else 'them'}, the earliest {dates.date(due[0])}.",
        "Mark an action as done, or change its date, in your portfolio's action plan.",
        "",
    ]


def workshop_soon(user, today):
    """The learner's workshops in the coming week (today and the six days after)."""
    if not has_role(user, Role.LEARNER):
        return []
    workshops = list(
        Workshop.objects.filter(
            cohort__enrolments__learner=user,
            cohort__enrolments__status=Enrolment.Status.ACTIVE,
            date__gte=today,
            date__lt=today + WORKSHOP_WITHIN,
        )
        .distinct()
        .order_by("date", "number")
    )
    return [f"- WS{w.number}: {w.theme}, {dates.date(w.date)}" for w in workshops] + ([""] if workshops else [])


def behind_pace(user, today):
    """The learners of the cohorts the lead leads who are behind the pace of sign-off (the cohort
    dashboard's rule, reports.dashboards.pace), cohort by cohort."""
    if not has_role(user, Role.PROGRAMME_LEAD):
        return []
    lines = []
    for cohort in Cohort.objects.filter(leads=user).select_related("programme").order_by("start_date", "name"):
        enrolments = (
            Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.ACTIVE)
            .select_related("learner", "practice__parent")
            .order_by("learner__full_name", "pk")
        )
        _, rows = learner_rows(cohort, enrolments, today)
        behind = [row for row in rows if row.pace.behind]
        if behind:
            lines.append(f"{cohort.name}: {_plural(len(behind), 'learner')} behind")
            lines += [
                f"- {row.enrolment.learner.display_name}: {row.pace.signed_off} of {row.pace.expected} criteria "
                f"expected by month {row.pace.month} signed off"
                for row in behind
            ]
            lines.append("")
    return lines


CONTENTS = {
    "facilitator_digest": facilitator_digest,
    "overdue_actions": overdue_actions,
    "workshop_soon": workshop_soon,
    "behind_pace": behind_pace,
}
