"""The patient feedback summary as plain data, for signing and for the portfolio document: the
counts on the five-point scale per question (through `feedback.presenters.summary`), the number of
responses, from patients or from carers, and the period they came in. No answer and no free text:
the answers stay anonymous."""

import datetime

from django.db.models import Max, Min

from coordinated_care.core import dates
from coordinated_care.feedback import presenters as feedback_presenters
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse


def summary_data(enrolment):
    """Two queries."""
    period = FeedbackResponse.objects.filter(enrolment=enrolment, audience=FeedbackRequest.Audience.PATIENT).aggregate(
        first=Min("received_on"), last=Max("received_on")
    )
    return plain_summary(feedback_presenters.summary(enrolment), period["first"], period["last"])


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


def period_text(data):
    """ "from 3 March 2026 to 12 May 2026", or "on 3 March 2026", or ""."""
    if not data.get("first"):
        return ""
    first, last = (dates.date(datetime.date.fromisoformat(d)) for d in (data["first"], data["last"]))
    return f"on {first}" if first == last else f"from {first} to {last}"
