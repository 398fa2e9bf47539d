"""What the home pages of the people who support learners show, added to the homes app's RoleHome:
a facilitator's and a supervisor's learners, a programme lead's cohorts. Fixed query counts."""

from django.urls import reverse
from django.utils import timezone

from coordinated_care.accounts.models import Role
from coordinated_care.programmes.models import Enrolment

from ..services import facilitated_enrolments
from .cohorts import cohort_rows
from .links import uuid_link
from .progress import summarise


def learner_rows(enrolments, today=None):
    enrolments = list(
        enrolments.select_related(
            "learner", "practice", "cohort__programme", "facilitator", "supervisor", "progress_facts"
        ).order_by("status", "learner__full_name", "-cohort__start_date")
    )
    summaries = summarise(enrolments, today or timezone.localdate())
    portfolio = uuid_link("portfolios:overview")
    return [
        {"enrolment": enrolment, "progress": summaries[enrolment.pk], "portfolio_href": portfolio(enrolment.uuid)}
        for enrolment in enrolments
    ]


def role_home_context(role, user, today=None):
    if role == Role.FACILITATOR:
        # With the learners delegated to them for today (ADR 16).
        return {"learners": learner_rows(facilitated_enrolments(user, today), today)}
    if role == Role.SUPERVISOR:
        return {"learners": learner_rows(Enrolment.objects.filter(supervisor=user), today)}
    if role == Role.PROGRAMME_LEAD:
        cohorts = user.led_cohorts.select_related("programme", "training_provider").order_by("-start_date", "name")
        return {"cohorts": cohort_rows(cohorts, today), "cohorts_href": reverse("programmes:cohorts")}
    return {}
