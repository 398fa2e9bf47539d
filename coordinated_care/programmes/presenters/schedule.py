"""The page a learner's facilitator or the cohort's leads adapt one learner's schedule from."""

from django.urls import reverse

from coordinated_care.core import dates
from coordinated_care.programmes.services.schedule import can_adapt_schedule, schedule_for


def learner_schedule_page(enrolment, user):
    """`enrolment` with its learner and cohort loaded: three queries for the schedule."""
    can_change = can_adapt_schedule(user, enrolment)
    rows = []
    for item in schedule_for(enrolment):
        change = item.change
        rows.append(
            {
                "item": item,
                "date": "Not applicable" if item.not_applicable else dates.date(item.date),
                "cohort_date": dates.date(item.cohort_date) if item.workshop else "",
                "status": item.status,
                "reason": change.reason if change else "",
                "href": reverse("programmes:learner_workshop", args=[enrolment.uuid, item.number])
                if can_change and item.workshop
                else None,
                # A workshop added for this learner alone is removed; the cohort's are marked not applicable.
                "remove_href": reverse("programmes:learner_workshop_remove", args=[enrolment.uuid, change.pk])
                if can_change and item.workshop is None
                else None,
            }
        )
    return {
        "page_title": f"{enrolment.learner.display_name}'s schedule",
        "enrolment": enrolment,
        "rows": rows,
        "can_change": can_change,
        "add_href": reverse("programmes:learner_workshop_add", args=[enrolment.uuid]) if can_change else None,
    }
