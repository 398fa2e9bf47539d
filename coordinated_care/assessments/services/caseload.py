"""A facilitator's caseload: their learners and everything waiting for them, most urgent first,
in a fixed number of queries however many learners they have."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, DateTimeField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Enrolment
from coordinated_care.programmes.services import facilitated_enrolments

from ..models import Capacity, Invitation, LastLooked, Review, ShortfallReflection, Signature, SignOffRequest
from .access import facilitates_now
from .record_signatures import _signature_prefetch, record_comments, reflection_state, waits_for_comments
from .reviews import missing_to_sign, signing_state
from .status import CHANGED, requests_with_state, state_of

INITIAL_WITHIN = datetime.timedelta(days=14)
PROGRESS_EVERY = datetime.timedelta(weeks=6)
SOON = datetime.timedelta(days=14)
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@transaction.atomic
def record_look(user, enrolment):
    """Remember that the assigned facilitator (or their delegate today) has looked at this
    portfolio now. Call it from any page where they read the portfolio or a request; it does
    nothing for anyone else."""
    if facilitates_now(user, enrolment):
        LastLooked.objects.update_or_create(user=user, enrolment=enrolment, defaults={"looked_at": timezone.now()})


@dataclass(frozen=True)
class DueReview:
    kind: str
    due_on: datetime.date
    review: Review | None = None

    def overdue(self, today):
        return self.due_on < today


def reviews_due(enrolment, reviews, signings):
    """The reviews this portfolio needs next and when. `reviews` are the enrolment's reviews and
    `signings` their ReviewSigning by review id."""
    final = next((r for r in reviews if r.kind == Review.Kind.FINAL), None)
    if final is not None and signings[final.pk].complete:
        return []
    start, end = enrolment.cohort.start_date, enrolment.cohort.end_date
    initial = next((r for r in reviews if r.kind == Review.Kind.INITIAL and r.held_on), None)
    due = []
    if initial is None:
        due.append(DueReview(Review.Kind.INITIAL, start + INITIAL_WITHIN))
    else:
        held = [r.held_on for r in reviews if r.kind in (Review.Kind.INITIAL, Review.Kind.PROGRESS) and r.held_on]
        next_progress = max(held) + PROGRESS_EVERY
        if next_progress < end - SOON:
            due.append(DueReview(Review.Kind.PROGRESS, next_progress))
    due.append(DueReview(Review.Kind.FINAL, end, final))
    return due


@dataclass
class LearnerCase:
    enrolment: Enrolment
    last_looked: datetime.datetime | None
    new_evidence: int
    requests: list = field(default_factory=list)
    due: list = field(default_factory=list)
    to_sign: list = field(default_factory=list)  # reviews held and waiting for the facilitator's signature
    # Sign-offs whose evidence changed since they were signed (a version, claim, file or link).
    changed: list = field(default_factory=list)
    # Interprofessional records without the facilitator's comments standing (none yet, or changed since).
    records: list = field(default_factory=list)
    # Critical reflections on a shortfall the learner wrote, waiting for the facilitator's agreement.
    reflections: list = field(default_factory=list)


def caseload(user):
    """Every active enrolment the person facilitates (or assesses today as a delegate, ADR 16),
    with what waits for them. Eight queries, and ten when some learner has an interprofessional
    record and a critical reflection on a shortfall (their comments and signatures)."""
    looked = LastLooked.objects.filter(user=user, enrolment=OuterRef("pk")).values("looked_at")[:1]
    since = Coalesce(OuterRef("last_looked"), Value(EPOCH, output_field=DateTimeField()))
    new_evidence = (
        Entry.objects.filter(enrolment=OuterRef("pk"), evidence_links__isnull=False)
        .filter(Q(updated_at__gt=since) | Q(evidence_links__created_at__gt=since))
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    enrolments = list(
        facilitated_enrolments(user)
        .filter(status=Enrolment.Status.ACTIVE)
        .exclude(learner=user)
        .select_related("learner", "cohort__programme", "practice", "facilitator")
        .prefetch_related("cohort__programme__criterion_groups")
        .annotate(last_looked=Subquery(looked))
        .annotate(new_evidence=Coalesce(Subquery(new_evidence), 0))
        .order_by("learner__full_name", "pk")
    )
    by_id = {e.pk: LearnerCase(e, e.last_looked, e.new_evidence) for e in enrolments}
    # One query for both: the open requests waiting for a decision, and the latest request of each
    # criterion, whose sign-off may have had its evidence changed since.
    latest = {}
    for request in (
        requests_with_state(
            SignOffRequest.objects.filter(enrolment__in=by_id).exclude(status=SignOffRequest.Status.CANCELLED)
        )
        .annotate(evidence_count=Count("evidence"))
        .order_by("requested_at", "pk")
    ):
        if request.status == SignOffRequest.Status.OPEN:
            by_id[request.enrolment_id].requests.append(request)
        latest[(request.enrolment_id, request.criterion_id)] = request
    for (enrolment_id, _), request in latest.items():
        if state_of(request).status == CHANGED:
            by_id[enrolment_id].changed.append(request)
    reviews = list(Review.objects.filter(enrolment__in=by_id).order_by("created_at"))
    signatures = list(Signature.objects.filter(review__in=reviews).select_related("withdrawal"))
    invitations = list(Invitation.objects.filter(review__in=reviews))
    signings = {}
    for review in reviews:
        review.enrolment = by_id[review.enrolment_id].enrolment
        signings[review.pk] = signing_state(
            review,
            [s for s in signatures if s.review_id == review.pk],
            [i for i in invitations if i.review_id == review.pk],
        )
        if review.held_on and Capacity.FACILITATOR not in signings[review.pk].signed:
            by_id[review.enrolment_id].to_sign.append(review)
    for case in by_id.values():
        mine = [r for r in reviews if r.enrolment_id == case.enrolment.pk]
        case.due = reviews_due(case.enrolment, mine, signings)
    _records_and_reflections(by_id)
    return list(by_id.values())


def _records_and_reflections(by_id):
    """What waits for the facilitator's signature besides sign-offs and reviews (issue 12): each
    interprofessional record without comments that still stand, and each critical reflection on a
    shortfall not agreed yet, oldest first. Two queries, and two more when there are any."""
    records = list(
        Entry.objects.filter(enrolment__in=by_id, kind=Entry.Kind.INTERPROFESSIONAL_RECORD).order_by("updated_at", "pk")
    )
    comments = record_comments(records)
    for entry in records:
        if waits_for_comments(comments.get(str(entry.uuid), [])):
            by_id[entry.enrolment_id].records.append(entry)
    reflections = (
        ShortfallReflection.objects.filter(enrolment__in=by_id)
        .select_related("criterion")
        .prefetch_related(_signature_prefetch())
        .order_by("updated_at", "pk")
    )
    for reflection in reflections:
        if reflection_state(reflection).status == "written":
            by_id[reflection.enrolment_id].reflections.append(reflection)


# What waits for the workplace supervisor ----------------------------------------------------------


@dataclass(frozen=True)
class SupervisorReview:
    review: Review
    action: str  # "comments": write the final review's supervisor comments; "sign": sign as additional signatory


def reviews_for_supervisor(user):
    """The reviews of the active portfolios whose enrolment names this person as workplace
    supervisor that wait for them, oldest first. The final review waits for their overall comments
    while these are unwritten (nobody can sign it before). A review held and filled in waits for
    their signature in the additional signature box, which the review page names them in, until it
    is complete without it: not a progress review unless it asks for an additional signature, and
    not when the facilitator has invited someone else by e-mail to sign it. Four queries at most."""
    reviews = list(
        Review.objects.filter(enrolment__supervisor=user, enrolment__status=Enrolment.Status.ACTIVE)
        .select_related("enrolment__learner", "enrolment__cohort__programme")
        .prefetch_related("enrolment__cohort__programme__criterion_groups")
        .order_by("updated_at", "pk")
    )
    signatures = list(Signature.objects.filter(review__in=reviews).select_related("withdrawal"))
    invitations = list(Invitation.objects.filter(review__in=reviews))
    own_email = (user.email or "").lower()
    waiting = []
    for review in reviews:
        invited = [i for i in invitations if i.review_id == review.pk]
        signing = signing_state(review, [s for s in signatures if s.review_id == review.pk], invited)
        someone_else = any(i.state() == "open" and i.email.lower() != own_email for i in invited)
        if Capacity.ADDITIONAL in signing.signed or signing.complete or someone_else:
            continue
        if review.kind == Review.Kind.PROGRESS and Capacity.ADDITIONAL not in signing.required:
            continue
        if review.kind == Review.Kind.FINAL and not signing.signed and not review.content.get("supervisor_comments"):
            waiting.append(SupervisorReview(review, "comments"))
        elif review.held_on and not missing_to_sign(review):
            waiting.append(SupervisorReview(review, "sign"))
    return waiting
