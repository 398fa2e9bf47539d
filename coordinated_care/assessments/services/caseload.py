"""A facilitator's caseload: their learners and everything waiting for them, most urgent first,
in a fixed number of queries however many learners they have."""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery, prefetch_related_objects
from django.utils import timezone

from coordinated_care.portfolios.models import Entry, ProgressFacts
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
# What waits on a caseload is kept in the cache under its learners' progress facts versions; the
# shape of what is kept is named here, so that a release that changes it reads none of the old.
CACHE_PREFIX = "caseload:2:"
CACHE_SECONDS = 6 * 60 * 60


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
    with what waits for them. One query when nothing changed since the caseload was last worked
    out (`_waiting_key`); otherwise nine, and eleven when some learner has an interprofessional
    record and a critical reflection on a shortfall (their comments and signatures)."""
    looked = LastLooked.objects.filter(user=user, enrolment=OuterRef("pk")).values("looked_at")[:1]
    version = ProgressFacts.objects.filter(enrolment=OuterRef("pk")).values("version")[:1]
    # No more in this query: PostgreSQL guesses half the enrolments for facilitated_enrolments' OR,
    # and a correlated count of evidence for each made it JIT-compile the query (a quarter of a
    # second) on every request. The evidence new since the last look is counted on its own.
    enrolments = list(
        facilitated_enrolments(user)
        .filter(status=Enrolment.Status.ACTIVE)
        .exclude(learner=user)
        .select_related("learner", "cohort__programme", "practice", "facilitator")
        .annotate(last_looked=Subquery(looked), facts_version=Subquery(version))
        .order_by("learner__full_name", "pk")
    )
    by_id = {e.pk: LearnerCase(e, e.last_looked, 0) for e in enrolments}
    key = _waiting_key(user, enrolments)
    kept = cache.get(key) if key else None
    if kept is not None and set(kept) == set(by_id):
        for pk, waiting in kept.items():
            _attach(by_id[pk], waiting)
        return list(by_id.values())
    prefetch_related_objects(enrolments, "cohort__programme__criterion_groups")
    _waiting(by_id)
    if key:
        kept = {pk: _detached(case) for pk, case in by_id.items()}
        cache.set(key, kept, CACHE_SECONDS)
        for pk, waiting in kept.items():
            _attach(by_id[pk], waiting)
    return list(by_id.values())


# What waits on a caseload, kept between requests ----------------------------------------------------
#
# Everything below the enrolments' own row (sign-off requests and their decisions' standing,
# reviews and their signatures and invitations, interprofessional records and their comments,
# critical reflections, evidence new since the last look) is a model of the portfolios or the
# assessments app, whose every save or delete bumps the enrolment's progress facts version
# (portfolios.facts, ADR 22); the redaction, which writes past the signals, bumps it too. So a
# caseload worked out at the versions its learners have now is what it would be worked out again:
# it is kept under them, with the facilitator's last look at each (which bumps nothing) and the
# enrolments' random uuids (a test database's reused ids never meet another's). Nothing in it
# depends on the time: overdue is decided by the presenter. The learners' names, practices and
# cohorts are read fresh with the enrolments on every request.

WAITING_FIELDS = ("requests", "due", "to_sign", "changed", "records", "reflections")


def _waiting_key(user, enrolments):
    """The cache key of what waits for `user` on these enrolments, or None when one of them has
    no progress facts row yet (nothing would bump it: its first count makes one)."""
    if any(e.facts_version is None for e in enrolments):
        return None
    parts = [str(user.pk)] + [
        f"{e.uuid}:{e.facts_version}:{e.last_looked.isoformat() if e.last_looked else '-'}" for e in enrolments
    ]
    return CACHE_PREFIX + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _objects_of(waiting):
    for name in WAITING_FIELDS:
        for item in waiting[name]:
            yield item.review if isinstance(item, DueReview) else item


def _detached(case):
    """What waits on one learner's case, without the enrolment its objects point to (read fresh)."""
    waiting = {name: list(getattr(case, name)) for name in WAITING_FIELDS}
    waiting["new_evidence"] = case.new_evidence
    for obj in _objects_of(waiting):
        if obj is not None:
            obj._state.fields_cache.pop("enrolment", None)
    return waiting


def _attach(case, waiting):
    case.new_evidence = waiting["new_evidence"]
    for name in WAITING_FIELDS:
        setattr(case, name, waiting[name])
    for obj in _objects_of(waiting):
        if obj is not None:
            obj.enrolment = case.enrolment


def _new_evidence(by_id):
    """How many entries linked as evidence were changed, or linked, since the facilitator last
    looked at each portfolio (all of them when they never have). One query."""
    if not by_id:
        return
    since = Q()
    for pk, case in by_id.items():
        after = case.last_looked or EPOCH
        since |= Q(enrolment_id=pk) & (Q(updated_at__gt=after) | Q(evidence_links__created_at__gt=after))
    counts = (
        Entry.objects.filter(enrolment_id__in=by_id, evidence_links__isnull=False)
        .filter(since)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk", distinct=True))
        .values_list("enrolment", "n")
    )
    for pk, n in counts:
        by_id[pk].new_evidence = n


def _waiting(by_id):
    """Fill in what waits on each case: eight queries, ten with records and reflections."""
    _new_evidence(by_id)
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
