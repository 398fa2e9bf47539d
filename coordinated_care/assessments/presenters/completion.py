"""For the portfolio overview: whether the programme is complete, and what is left."""

from django.urls import reverse

from ..services.completion import Completion, completion


def completion_panel(enrolment, glance=None):
    """With the overview's progress at a glance (portfolios.presenters.glance.Glance), its counts:
    the same rule (criteria achieved or with an accepted reflection, the final review fully
    signed) read from the stored progress facts beside it, so the two agree and cost no query.
    Without one (the reviews page), counted here."""
    if glance is not None:
        done = Completion(
            criteria_total=glance.criteria_total,
            criteria_done=glance.criteria_signed_off,
            final_review_signed=glance.final_review_signed,
        )
    else:
        done = completion(enrolment)
    return {
        "completion": done,
        "reviews_href": reverse("assessments:reviews", args=[enrolment.uuid]),
    }
