"""The learner's home page: their portfolio's progress at a glance."""

from coordinated_care.programmes.models import Enrolment
from coordinated_care.programmes.services import can_edit_portfolio

from .presenters.glance import progress_glance


def learner_home_context(user):
    enrolment = (
        Enrolment.objects.filter(learner=user)
        # With its stored progress facts, which the progress at a glance reads (one query fewer).
        .select_related("cohort__programme", "practice", "facilitator", "supervisor", "progress_facts")
        .order_by("status", "-cohort__start_date")  # "active" sorts before "completed" and "withdrawn"
        .first()
    )
    if enrolment is None:
        return {"enrolment": None}
    return {
        "enrolment": enrolment,
        "progress_glance": progress_glance(enrolment),  # rendered, kept while nothing changes
        "can_edit": can_edit_portfolio(user, enrolment),
        # The PD's Learning Facilitator (LF): the cohort's leads at the training hub.
        "learning_facilitators": [lead.display_name for lead in enrolment.cohort.leads.order_by("full_name", "pk")],
    }
