"""Demo assessments and feedback for the demo learner, so that the facilitator's caseload and the
feedback summary have something to show: a signed initial discussion, one criterion achieved (the
care coordinator acknowledged as exceeding expectations), one development need with an agreed
action, one request waiting for the facilitator, a critical reflection on a shortfall waiting for the
supervisor to confirm it, and a few feedback responses, whose patient feedback summary the
facilitator and the learner have signed. Everything goes through the apps' own services
(signatures, hashes, audit events) and all the writing is invented: it must pass the
confidentiality guard like anything a learner writes. Each part is made once: running this again
finds what is there."""

import datetime

from django.db import transaction
from django.utils import timezone

from coordinated_care.assessments.models import Review, SignedFeedbackSummary, SignOffRequest
from coordinated_care.assessments.services import feedback_summaries, record_signatures, sign_offs
from coordinated_care.assessments.services import reviews as review_services
from coordinated_care.feedback import services as feedback_services
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse
from coordinated_care.feedback.summary_data import summary_data
from coordinated_care.programmes.models import Criterion

from .demo import DEMO_PASSWORD

INITIAL_DISCUSSION = {
    "learning_needs": (
        "Confidence in using digital tools to signpost people, and in leading multidisciplinary conversations."
    ),
    "learning_opportunities": (
        "Shadowing the social prescribing link worker and the digital inclusion lead, and joining the weekly "
        "practice huddle."
    ),
    "learning_plan": (
        "Monthly reviews with the practice-based facilitator; three case studies by month four; evidence "
        "linked to the criteria as it is written."
    ),
}
INITIAL_HELD_AFTER_START = datetime.timedelta(days=10)

ACHIEVED = (
    "PC1",
    "Clear, person-centred conversations over several contacts, and a thoughtful reflection on why "
    "shorter discussions worked better.",
)
# The PD asks comments to acknowledge those exceeding expectations for their stage in practice.
EXCEEDING = "Already leads the practice's weekly huddle on people waiting for community support."
DEVELOPMENT_NEED = (
    "PC3",
    "Good involvement of a family member with consent. More evidence is needed of agreeing a plan "
    "jointly with other professionals.",
    {
        "area_of_focus": "Planning care jointly with other professionals",
        "actions": "Lead the discussion of one person's plan at the next multidisciplinary meeting.",
        "help": "Practice-based facilitator to join the meeting and give feedback afterwards.",
        "success_measure": "A shared plan recorded and linked to the criterion.",
    },
)
WAITING = "CS7"
# A criterion the learner could not show in practice: their critical reflection on the shortfall.
SHORTFALL = (
    "CL2",
    "I have not yet had the chance to lead a service improvement in the practice. With my supervisor I looked "
    "at why: the team's priorities changed after the winter pressures. I will propose one small change to "
    "the way follow-up calls are booked at the next team meeting.",
)
WAITING_NOTE = "The befriending referral shows how I linked them to support outside the practice."

PATIENT_FEEDBACK = [
    # (respondent, needs, choice, talked, respect, feelings, did well, do differently)
    ("patient", 5, 4, 5, 5, 4, "Listened carefully and rang back when promised.", "Nothing, it was very helpful."),
    ("patient", 4, 3, 4, 5, 4, "Helped me find a lunch club near home.", "Explain the next steps in writing."),
    ("carer", 5, 5, 4, 5, 5, "Kept the whole family informed about what was arranged.", ""),
    ("patient", 3, 2, 4, 4, 3, "Was friendly and patient on the phone.", "Give me more time to choose."),
]
STAFF_FEEDBACK = {
    "their_role": "Practice nurse",
    "input": "Joined the weekly huddle, followed up every agreed action and kept the team updated.",
}


def _criteria(enrolment):
    return {c.code: c for c in Criterion.objects.filter(programme=enrolment.cohort.programme)}


def _evidence(enrolment, criterion):
    return [link.entry.uuid for link in sign_offs.linked_evidence(enrolment, criterion)]


@transaction.atomic
def seed_initial_discussion(enrolment):
    """The initial discussion, written by the facilitator and signed by both sides."""
    if Review.objects.filter(enrolment=enrolment, kind=Review.Kind.INITIAL).exists():
        return
    learner, facilitator = enrolment.learner, enrolment.facilitator
    review = review_services.create_review(enrolment=enrolment, kind=Review.Kind.INITIAL, user=facilitator)
    held_on = min(enrolment.cohort.start_date + INITIAL_HELD_AFTER_START, timezone.localdate())
    review = review_services.update_review(
        review, user=facilitator, seen_version=review.version, data=INITIAL_DISCUSSION, held_on=held_on
    )
    for signer in (learner, facilitator):
        review.refresh_from_db()
        review_services.sign_review(review, user=signer, password=DEMO_PASSWORD, seen_version=review.version)


def _decide(request, facilitator, outcome, comments, **extra):
    return sign_offs.record_decision(
        request,
        user=facilitator,
        password=DEMO_PASSWORD,
        seen_subject_hash=sign_offs.request_subject(request).hash,
        outcome=outcome,
        comments=comments,
        **extra,
    )


@transaction.atomic
def seed_sign_offs(enrolment, today=None):
    """PC1 achieved (exceeding expectations), a development need on PC3 with an agreed action, and
    CS7 waiting."""
    if SignOffRequest.objects.filter(enrolment=enrolment).exists():
        return
    today = today or timezone.localdate()
    learner, facilitator = enrolment.learner, enrolment.facilitator
    criteria = _criteria(enrolment)

    def ask(code, note=""):
        criterion = criteria[code]
        return sign_offs.request_sign_off(
            enrolment=enrolment, criterion=criterion, user=learner, entries=_evidence(enrolment, criterion), note=note
        )

    code, comments = ACHIEVED
    _decide(
        ask(code),
        facilitator,
        "achieved",
        comments,
        achieved_on=today,
        exceeds_expectations=True,
        exceeding_comment=EXCEEDING,
    )
    code, comments, action = DEVELOPMENT_NEED
    _decide(
        ask(code),
        facilitator,
        "development_need",
        comments,
        actions=[{**action, "due_on": today + datetime.timedelta(days=28)}],
    )
    ask(WAITING, note=WAITING_NOTE)


@transaction.atomic
def seed_feedback(enrolment):
    """Four patient or carer responses and one from a colleague, given through feedback links."""
    if FeedbackResponse.objects.filter(enrolment=enrolment).exists():
        return
    learner = enrolment.learner
    issued = feedback_services.create_requests(
        enrolment=enrolment, audience=FeedbackRequest.Audience.PATIENT, user=learner, count=len(PATIENT_FEEDBACK)
    )
    for link, (respondent, needs, choice, talked, respect, feelings, did_well, differently) in zip(
        issued, PATIENT_FEEDBACK, strict=True
    ):
        feedback_services.submit_response(
            link.request,
            answers={
                "respondent": respondent,
                "needs": needs,
                "choice": choice,
                "talked": talked,
                "respect": respect,
                "feelings": feelings,
                "did_well": did_well,
                "do_differently": differently,
            },
        )
    (staff,) = feedback_services.create_requests(
        enrolment=enrolment, audience=FeedbackRequest.Audience.STAFF, user=learner
    )
    feedback_services.submit_response(staff.request, answers=dict(STAFF_FEEDBACK))


@transaction.atomic
def seed_feedback_summary(enrolment):
    """The patient feedback summary of the responses above, signed by the demo facilitator and the
    demo learner with their passwords, as the summary page has them do (issue 12, item 9)."""
    if SignedFeedbackSummary.objects.filter(enrolment=enrolment).exists():
        return
    summary = summary_data(enrolment)
    for signer in (enrolment.facilitator, enrolment.learner):
        feedback_summaries.sign_summary(
            enrolment,
            user=signer,
            password=DEMO_PASSWORD,
            summary=summary,
            seen_hash=feedback_summaries.summary_hash(summary),
        )


@transaction.atomic
def seed_shortfall_reflection(enrolment):
    """A critical reflection on a shortfall the learner wrote and the facilitator agreed, waiting
    for the workplace supervisor to confirm it from their home."""
    criterion = _criteria(enrolment)[SHORTFALL[0]]
    if record_signatures.reflection_for(enrolment, criterion) is not None:
        return
    written = record_signatures.save_reflection(
        enrolment=enrolment, criterion=criterion, user=enrolment.learner, reflection=SHORTFALL[1]
    )
    record_signatures.agree_reflection(
        written, user=enrolment.facilitator, password=DEMO_PASSWORD, seen_version=written.version
    )


@transaction.atomic
def seed_assessments(enrolment, today=None):
    """Everything above for the demo learner, once."""
    seed_initial_discussion(enrolment)
    seed_sign_offs(enrolment, today=today)
    seed_feedback(enrolment)
    seed_feedback_summary(enrolment)
    seed_shortfall_reflection(enrolment)
