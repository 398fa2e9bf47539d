"""The personal data feedback holds of a person (ADR 15): the requests they made, that were made
for them or that were addressed to them as workplace supervisor, the feedback given about them,
and the transcriptions they countersigned."""

from django.db.models import Q

from coordinated_care.accounts.providers import PersonalData, Section, register

from .models import Countersignature, FeedbackRequest, FeedbackResponse


def export(user):
    requests = FeedbackRequest.objects.filter(Q(enrolment__learner=user) | Q(created_by=user) | Q(addressed_to=user))
    # A respondent's own name is theirs, and is left out; what they said of the learner is the learner's.
    responses = FeedbackResponse.objects.filter(enrolment__learner=user)
    countersigned = Countersignature.objects.filter(signer=user)
    return [
        Section(
            "Feedback requests",
            [
                {
                    "for": r.get_audience_display(),
                    "name shown": r.learner_name,
                    "state": r.get_state_display(),
                    "made": r.created_on,
                    "link works until": r.expires_on,
                    "reference": r.uuid,
                }
                for r in requests.order_by("id")
            ],
        ),
        Section(
            "Feedback about you",
            [
                {
                    "from": r.get_audience_display(),
                    "received": r.received_on,
                    "what went well": r.did_well,
                    "what could be done differently": r.do_differently,
                    "their role": r.their_role,
                    "input": r.input,
                    "reference": r.uuid,
                }
                for r in responses.order_by("received_on", "id")
            ],
        ),
        Section(
            "Transcriptions you countersigned",
            [{"role": c.role, "signed": c.signed_at, "meaning": c.meaning} for c in countersigned.order_by("id")],
        ),
    ]


def erase(user, pseudonym):
    """Open links stop working, those for the learner and those asked of them as workplace
    supervisor, and the name shown on every request for the learner becomes the pseudonym;
    responses are evidence in the portfolio and stay with it (docs/retention.md)."""
    mine = FeedbackRequest.objects.filter(enrolment__learner=user)
    withdrawn = (
        FeedbackRequest.objects.filter(Q(enrolment__learner=user) | Q(addressed_to=user))
        .filter(state=FeedbackRequest.State.OPEN)
        .update(state=FeedbackRequest.State.WITHDRAWN)
    )
    renamed = mine.exclude(learner_name=pseudonym).update(learner_name=pseudonym[:100])
    return {"feedback links withdrawn": withdrawn, "feedback requests renamed": renamed}


def register_all():
    register(PersonalData(key="feedback", export=export, erase=erase))
