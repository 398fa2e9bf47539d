"""The patient feedback summary as the plain data that is signed (issue 12, item 9): the counts on
the five-point scale per question (`presenters.summary`), the number of responses, from patients or
from carers, and the period they came in. No answer and no free text: the answers stay anonymous.

It lives here, beside the summary it is made from, so that every app above that reads it (the
reports' summary page and portfolio document, the demo data) computes the same data, and so the
same hash, in one place."""

from django.db.models import Max, Min

from .models import FeedbackRequest, FeedbackResponse
from .presenters import summary as summary_of


def summary_data(enrolment):
    """Two queries."""
    period = FeedbackResponse.objects.filter(enrolment=enrolment, audience=FeedbackRequest.Audience.PATIENT).aggregate(
        first=Min("received_on"), last=Max("received_on")
    )
    return plain_summary(summary_of(enrolment), period["first"], period["last"])


def plain_summary(summary, first, last):
    """`feedback.presenters.summary` and the first and last days a response came in, as the plain
    data that is signed (the PDF builds it from the responses it has read, with no query)."""
    return {
        "responses": summary.total,
        "patients": summary.patients,
        "carers": summary.carers,
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "questions": [
            {
                "question": item.question.short,
                "answered": item.answered,
                "counts": [{"label": c.label, "count": c.count} for c in item.counts],
            }
            for item in summary.questions
        ],
    }
