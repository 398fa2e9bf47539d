"""What the patient feedback summary's signing page shows."""

from coordinated_care.assessments.forms.feedback_summaries import SignSummaryForm
from coordinated_care.assessments.models import Capacity
from coordinated_care.assessments.presenters import signature_line
from coordinated_care.assessments.services import feedback_summaries as signing

from .summaries import period_text

BOXES = (
    (Capacity.FACILITATOR, "Practice-based facilitator’s signature"),
    (Capacity.LEARNER, "Learner’s signature"),
)


def signature_boxes(enrolment, current_hash, current_responses):
    """The form's two signature boxes, each with its newest signature (or None), one query."""
    found = signing.summary_signatures(enrolment, current_hash)
    boxes = []
    for capacity, heading in BOXES:
        signed = found.get(capacity)
        line = None
        if signed is not None:
            problems = list(signed.problems)
            if signed.changed:
                then = signed.signature.feedback_summary.responses
                problems.append(
                    f"The feedback has changed since it was signed: {then} "
                    f"{'response' if then == 1 else 'responses'} then, {current_responses} now."
                )
            line = signature_line(signed.signature, problems=problems)
        boxes.append({"capacity": capacity, "heading": heading, "line": line})
    return found, boxes


def page(enrolment, user, summary, form=None):
    current_hash = signing.summary_hash(summary)
    found, boxes = signature_boxes(enrolment, current_hash, summary["responses"])
    capacity = signing.signing_capacity(user, enrolment)
    return {
        "page_title": "Patient feedback summary",
        "enrolment": enrolment,
        "summary": summary,
        "period": period_text(summary),
        "boxes": boxes,
        "current_hash": current_hash,
        "can_sign": signing.may_sign_now(user, enrolment, summary, found),
        "signing_as": Capacity(capacity).label if capacity else "",
        "form": form or SignSummaryForm(),
    }
