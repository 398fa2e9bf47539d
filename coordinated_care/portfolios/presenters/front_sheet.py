"""The front sheet of a portfolio (the PD's first page: name, practice, workplace supervisor/mentor,
learning facilitator) with the programme, the cohort and when each person acknowledged their
responsibilities; and the page of the learner's reasonable adjustments. A fixed number of queries."""

from coordinated_care.accounts.responsibilities import SLUG_OF, Responsibilities, acknowledgements_of
from coordinated_care.core import dates
from coordinated_care.programmes.services.adjustments import (
    adjustments_of,
    can_agree_adjustments,
    can_record_adjustments,
    can_see_adjustments,
)

NOT_NAMED = "Not named"
NOT_YET = "Not acknowledged yet"


def _acknowledged(when):
    return f"Acknowledged on {dates.date(when)}" if when else NOT_YET


def front_sheet_page(enrolment, user):
    cohort = enrolment.cohort
    leads = [lead.display_name for lead in cohort.leads.order_by("full_name", "pk")]
    acknowledged = acknowledgements_of([enrolment.learner, enrolment.facilitator])
    own = user.pk == enrolment.learner_id
    rows = [
        ("Name", enrolment.learner.display_name),
        ("Practice", enrolment.practice.name),
        ("Workplace supervisor/mentor", enrolment.supervisor.display_name if enrolment.supervisor_id else NOT_NAMED),
        ("Learning Facilitator (LF)", ", ".join(leads) or NOT_NAMED),
        ("Practice-based facilitator", enrolment.facilitator.display_name),
        ("Programme", cohort.programme.title),
        ("Cohort", f"{cohort.name}, {dates.date(cohort.start_date)} to {dates.date(cohort.end_date)}"),
    ]
    responsibilities = [
        {
            "key": "Care coordinator responsibilities",
            "person": enrolment.learner.display_name,
            "value": _acknowledged(acknowledged.get((enrolment.learner_id, Responsibilities.CARE_COORDINATOR))),
            "href_slug": SLUG_OF[Responsibilities.CARE_COORDINATOR],
        },
        {
            "key": "Practice based learning facilitator responsibilities",
            "person": enrolment.facilitator.display_name,
            "value": _acknowledged(acknowledged.get((enrolment.facilitator_id, Responsibilities.FACILITATOR))),
            "href_slug": SLUG_OF[Responsibilities.FACILITATOR],
        },
    ]
    adjustments = adjustments_of(enrolment) if can_see_adjustments(user, enrolment) else None
    return {
        "page_title": "Your front sheet" if own else f"{enrolment.learner.display_name}'s front sheet",
        "enrolment": enrolment,
        "own": own,
        "rows": rows,
        "responsibilities": responsibilities,
        # None for whoever may not see them: the page does not even say whether there are any.
        "adjustments": (
            None
            if adjustments is None
            else {
                "agreed": sum(1 for a in adjustments if a.agreed_by_id),
                "waiting": sum(1 for a in adjustments if not a.agreed_by_id),
            }
        ),
    }


def adjustment_view(adjustment):
    return {
        "uuid": adjustment.uuid,
        "adjustment": adjustment.adjustment,
        "recorded": f"{adjustment.recorded_by.display_name}, {dates.date(adjustment.recorded_at)}",
        "agreed": (
            f"{adjustment.agreed_by.display_name}, {dates.date(adjustment.agreed_on)}"
            if adjustment.agreed_by_id
            else None
        ),
    }


def adjustments_page(enrolment, user):
    own = user.pk == enrolment.learner_id
    return {
        "page_title": "Your reasonable adjustments"
        if own
        else f"{enrolment.learner.display_name}'s reasonable adjustments",
        "enrolment": enrolment,
        "own": own,
        "adjustments": [adjustment_view(a) for a in adjustments_of(enrolment)],
        "can_record": can_record_adjustments(user, enrolment),
        "can_agree": can_agree_adjustments(user, enrolment),
    }
