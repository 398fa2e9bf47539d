"""Responses after they arrive: paper forms typed in, countersigned, and linked as evidence."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count

from coordinated_care.core.canonical import canonical_hash

from ..models import Countersignature, FeedbackRequest, FeedbackResponse, ResponseEvidenceLink
from ..questions import SCORE_FIELDS
from .access import can_countersign, can_link_evidence, can_transcribe

ANSWER_FIELDS = (
    "audience",
    "received_on",
    "respondent",
    *SCORE_FIELDS,
    "did_well",
    "do_differently",
    "their_role",
    "input",
    "given_name",
)
FACILITATOR_ROLE = "Practice-based facilitator"


def answers_hash(response):
    """A SHA-256 of what the response says, as the countersignature saw it."""
    content = {name: getattr(response, name) for name in ANSWER_FIELDS}
    content["received_on"] = content["received_on"].isoformat()
    return canonical_hash(content)


@transaction.atomic
def transcribe(*, enrolment, audience, answers, received_on, user):
    """A paper form typed in by the learner: marked as transcribed, waiting for countersignature."""
    if not can_transcribe(user, enrolment):
        raise PermissionDenied("Only the learner can type in a paper form while the portfolio is open.")
    if audience not in FeedbackRequest.Audience.values:
        raise ValidationError("Unknown audience.")
    if audience != FeedbackRequest.Audience.STAFF:
        answers = {k: v for k, v in answers.items() if k != "given_name"}
    return FeedbackResponse.objects.create(
        enrolment=enrolment,
        audience=audience,
        source=FeedbackResponse.Source.PAPER,
        received_on=received_on,
        transcribed_by=user,
        **answers,
    )


@transaction.atomic
def countersign(response, *, user):
    """The assigned facilitator confirms the transcription (their password is checked by the form).
    Once only: the row is locked so that two confirmations cannot both be made."""
    locked = FeedbackResponse.objects.select_for_update().select_related("enrolment").get(pk=response.pk)
    if not can_countersign(user, locked):
        raise PermissionDenied("Only the learner's practice-based facilitator can countersign a transcription.")
    if Countersignature.objects.filter(response=locked).exists():
        raise ValidationError("This transcription has already been countersigned.")
    return Countersignature.objects.create(
        response=locked, signer=user, role=FACILITATOR_ROLE, content_hash=answers_hash(locked)
    )


@transaction.atomic
def delete_transcription(response, *, user):
    """A mistyped transcription can be removed by the learner until it is countersigned."""
    locked = FeedbackResponse.objects.select_for_update().select_related("enrolment").get(pk=response.pk)
    if not (locked.is_transcribed and can_transcribe(user, locked.enrolment)):
        raise PermissionDenied("Only the learner can remove a paper form they typed in.")
    if Countersignature.objects.filter(response=locked).exists():
        raise ValidationError("A countersigned transcription cannot be removed.")
    locked.evidence_links.all().delete()
    locked.delete()


@transaction.atomic
def link_evidence(response, *, criterion, how_it_shows, user):
    if not can_link_evidence(user, response.enrolment):
        raise PermissionDenied("Only the learner can link evidence while the portfolio is open.")
    if criterion.programme_id != response.enrolment.cohort.programme_id:
        raise ValidationError("That criterion is not part of this programme.")
    if not how_it_shows.strip():
        raise ValidationError("Say how this feedback shows the criterion.")
    link, _ = ResponseEvidenceLink.objects.update_or_create(
        response=response, criterion=criterion, defaults={"how_it_shows": how_it_shows.strip()}
    )
    return link


@transaction.atomic
def unlink_evidence(link, *, user):
    if not can_link_evidence(user, link.response.enrolment):
        raise PermissionDenied("Only the learner can change evidence links while the portfolio is open.")
    link.delete()


def evidence_counts(enrolment_ids):
    """{(enrolment_id, criterion_id): number of responses linked}, in one query, for the progress
    pages that count evidence per criterion (portfolios.progress counts entries the same way)."""
    rows = (
        ResponseEvidenceLink.objects.filter(response__enrolment_id__in=list(enrolment_ids))
        .values("response__enrolment_id", "criterion_id")
        .annotate(n=Count("id"))
    )
    return {(r["response__enrolment_id"], r["criterion_id"]): r["n"] for r in rows}


def response_counts(enrolment_ids):
    """{enrolment_id: number of responses}, in one query, for the progress pages' count of the
    PD's feedback document (RequiredDocument.Kind.FEEDBACK), beside the entries learners write in."""
    rows = (
        FeedbackResponse.objects.filter(enrolment_id__in=list(enrolment_ids))
        .values("enrolment_id")
        .annotate(n=Count("id"))
    )
    return {r["enrolment_id"]: r["n"] for r in rows}
