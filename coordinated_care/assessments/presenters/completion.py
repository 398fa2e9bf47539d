"""For the portfolio overview: whether the programme is complete, and what is left."""

from django.urls import reverse

from ..services.completion import completion


def completion_panel(enrolment):
    done = completion(enrolment)
    return {
        "completion": done,
        "reviews_href": reverse("assessments:reviews", args=[enrolment.uuid]),
    }
