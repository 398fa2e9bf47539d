"""Signing the Portfolio Document's records other than sign-offs and reviews (issue 12), with the
same electronic signature (ADR 7, ADR 11): the password re-entered, the signer's name, role, the
time and what the signature means, bound to a hash of exactly what was read.

- The facilitator's comments on an interprofessional record: bound to the entry's version and
  content hash. When the learner changes the record afterwards, the signature shows as changed
  since signed and the record waits for the facilitator's comments again.
- The learner's critical reflection on a shortfall: written by the learner, agreed by the assigned
  facilitator, then confirmed by the workplace supervisor from their home's to-do list. Once agreed
  it closes to editing until the facilitator's signature is withdrawn.

Who signs as the facilitator is decided once, by `access.can_assess` (programmes'
`can_facilitate`, which lets a delegate in), and the printed name and role by
`_facilitator_signer`; a delegate's signature says "on behalf of" the facilitator through
`signing.make_signature` (ADR 16), as every facilitator's signature does."""

import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from coordinated_care.accounts.models import Role
from coordinated_care.portfolios.models import Entry, EntryVersion
from coordinated_care.programmes.models import Enrolment
from coordinated_care.programmes.services import is_supervisor

from ..models import Capacity, Meaning, RecordComment, ShortfallReflection, Signature, SignatureWithdrawal
from .access import can_assess, can_edit_portfolio
from .signing import check_integrity, make_signature, reauthenticate, subject_hash

RECORD_KINDS = frozenset({Entry.Kind.INTERPROFESSIONAL_RECORD})


class RecordMoved(ValidationError):
    """What was to be signed changed between the signer reading it and signing."""


def _facilitator_signer(user, enrolment):
    """The name and role a facilitator's signature prints (the hook for who signs as facilitator;
    `make_signature` adds "on behalf of" for a delegate)."""
    return {"signer": user, "signer_name": user.display_name, "signer_role": Role.FACILITATOR.label}


# The facilitator's comments on an interprofessional record -----------------------------------------


def can_comment_on_record(user, entry):
    return entry.kind in RECORD_KINDS and can_assess(user, entry.enrolment)


def record_subject(entry, version):
    return {
        "type": "interprofessional_record",
        "entry": str(entry.uuid),
        "version": version.number,
        "title": version.title,
        "content_hash": version.content_hash,
    }


def comment_on_record(entry, *, user, password, seen_version, comments):
    """The assigned facilitator comments on and signs an interprofessional record as the page
    showed it (`seen_version`), after re-entering their password."""
    if not can_comment_on_record(user, entry):
        raise PermissionDenied("Only the learner's assigned facilitator can comment on and sign this record.")
    reauthenticate(user, password)
    return _comment_on_record(entry, user=user, seen_version=seen_version, comments=comments)


@transaction.atomic
def _comment_on_record(entry, *, user, seen_version, comments):
    entry = Entry.objects.select_for_update(of=("self",)).select_related("enrolment__learner").get(pk=entry.pk)
    enrolment = entry.enrolment
    if not can_comment_on_record(user, entry):
        raise PermissionDenied("Only the learner's assigned facilitator can comment on and sign this record.")
    if entry.version != seen_version:
        raise RecordMoved(
            "The record changed while you were reading it. Read it again, then sign.", code="record_moved"
        )
    comments = (comments or "").strip()
    if not comments:
        raise ValidationError({"comments": "Enter your comments on the record"})
    version = EntryVersion.objects.get(entry=entry, number=entry.version)
    comment = RecordComment.objects.create(
        enrolment=enrolment,
        entry_uuid=entry.uuid,
        version_number=version.number,
        content_hash=version.content_hash,
        title=version.title,
        comments=comments,
        written_by=user,
    )
    make_signature(
        enrolment=enrolment,
        subject=record_subject(entry, version),
        statement={"comments": comments},
        meaning=Meaning.RECORD_COMMENTED,
        capacity=Capacity.FACILITATOR,
        record_comment=comment,
        **_facilitator_signer(user, enrolment),
    )
    return comment


@dataclass
class SignedComment:
    comment: RecordComment
    signature: Signature
    problems: list = field(default_factory=list)

    @property
    def standing(self):
        return not self.problems and not hasattr(self.signature, "withdrawal")


def record_comments(entries, enrolment=None):
    """{entry uuid: [SignedComment], oldest first} for these entries, in one query (always one when
    given the `enrolment` they are all of). A comment on an older version of the entry, or whose
    signature is not whole, carries its problems."""
    current = {str(e.uuid): e for e in entries}
    comments = RecordComment.objects.filter(enrolment=enrolment) if enrolment else RecordComment.objects.all()
    comments = comments.filter(entry_uuid__in=list(current)) if enrolment is None else comments
    comments = comments.select_related("signature", "signature__withdrawal", "signature__invitation").order_by(
        "created_at", "pk"
    )
    found = {}
    for comment in comments:
        entry = current.get(str(comment.entry_uuid))
        if entry is None:  # an entry since deleted
            continue
        problems = list(check_integrity(comment.signature).problems)
        if comment.version_number != entry.version:
            problems.append("The record has changed since it was signed.")
        found.setdefault(str(comment.entry_uuid), []).append(SignedComment(comment, comment.signature, problems))
    return found


def waits_for_comments(signed_comments):
    """Whether the record waits for the facilitator: no comments that still stand."""
    return not any(c.standing for c in signed_comments)


# The learner's critical reflection on a shortfall --------------------------------------------------


class StaleReflection(ValidationError):
    """The reflection was changed by someone else after it was read."""


def reflection_for(enrolment, criterion):
    return (
        ShortfallReflection.objects.filter(enrolment=enrolment, criterion=criterion)
        .prefetch_related(_signature_prefetch())
        .first()
    )


def _signature_prefetch():
    return Prefetch(
        "signatures",
        queryset=Signature.objects.select_related("withdrawal", "invitation").order_by("signed_at", "pk"),
    )


def reflection_subject(reflection):
    criterion = reflection.criterion
    return {
        "type": "shortfall_reflection",
        "criterion": {"code": criterion.code, "title": criterion.title, "wording": criterion.wording},
        "reflection": reflection.reflection,
        "version": reflection.version,
    }


@dataclass
class ReflectionState:
    reflection: ShortfallReflection
    agreement: Signature | None = None  # the facilitator's, the newest not withdrawn
    confirmation: Signature | None = None  # the supervisor's, the newest not withdrawn
    problems: dict = field(default_factory=dict)  # signature pk -> [problem]

    @property
    def agreed(self):
        return self.agreement is not None and not self.problems.get(self.agreement.pk)

    @property
    def confirmed(self):
        return self.agreed and self.confirmation is not None and not self.problems.get(self.confirmation.pk)

    @property
    def status(self):
        if self.confirmed:
            return "confirmed"
        if self.agreed:
            return "agreed"
        return "written"


def reflection_state(reflection):
    """Where a reflection stands, from its prefetched signatures (no query): a signature on
    another version of the reflection, or whose record is not whole, does not stand."""
    state = ReflectionState(reflection)
    expected = subject_hash(reflection_subject(reflection))
    for signature in reflection.signatures.all():
        problems = list(check_integrity(signature).problems)
        if not problems:
            signed = json.loads(signature.payload).get("subject")
            if subject_hash(signed) != expected:
                problems.append("The reflection has changed since it was signed.")
        state.problems[signature.pk] = problems
        if hasattr(signature, "withdrawal"):
            continue
        if signature.capacity == Capacity.FACILITATOR:
            state.agreement = signature
        elif signature.capacity == Capacity.SUPERVISOR:
            state.confirmation = signature
    return state


def can_write_reflection(user, enrolment):
    return can_edit_portfolio(user, enrolment)


@transaction.atomic
def save_reflection(*, enrolment, criterion, user, reflection, seen_version=None):
    """The learner writes, or rewrites, their critical reflection on the shortfall in a criterion.
    Closed once the facilitator has agreed it, until that signature is withdrawn."""
    if not can_write_reflection(user, enrolment):
        raise PermissionDenied("Only the learner writes their critical reflection, while the portfolio is in progress.")
    if criterion.programme_id != enrolment.cohort.programme_id:
        raise ValidationError("That criterion is not part of this programme.")
    text = (reflection or "").strip()
    if not text:
        raise ValidationError({"reflection": "Enter your critical reflection on the shortfall"})
    list(Enrolment.objects.select_for_update().filter(pk=enrolment.pk).order_by().values_list("pk", flat=True))
    existing = ShortfallReflection.objects.filter(enrolment=enrolment, criterion=criterion).first()
    if existing is None:
        return ShortfallReflection.objects.create(
            enrolment=enrolment, criterion=criterion, reflection=text, written_by=user
        )
    existing = ShortfallReflection.objects.prefetch_related(_signature_prefetch()).get(pk=existing.pk)
    if seen_version is not None and existing.version != seen_version:
        raise StaleReflection("Your reflection was changed in another window. Check it, then save again.", code="stale")
    if reflection_state(existing).agreement is not None:
        raise ValidationError(
            "Your facilitator has agreed this reflection. It cannot change unless they withdraw their signature.",
            code="signed",
        )
    if existing.reflection != text:
        existing.reflection = text
        existing.version += 1
        existing.updated_at = timezone.now()
        existing.save(update_fields=["reflection", "version", "updated_at"])
    return existing


def can_agree_reflection(user, reflection):
    return can_assess(user, reflection.enrolment)


def can_confirm_reflection(user, reflection):
    enrolment = reflection.enrolment
    return enrolment.status == enrolment.Status.ACTIVE and is_supervisor(user, enrolment)


def agree_reflection(reflection, *, user, password, seen_version):
    """The assigned facilitator agrees the learner's reflection, signing it."""
    if not can_agree_reflection(user, reflection):
        raise PermissionDenied("Only the learner's assigned facilitator can agree their reflection.")
    reauthenticate(user, password)
    return _sign_reflection(reflection, user=user, seen_version=seen_version, capacity=Capacity.FACILITATOR)


def confirm_reflection(reflection, *, user, password, seen_version):
    """The workplace supervisor confirms the reflection the facilitator agreed, signing it."""
    if not can_confirm_reflection(user, reflection):
        raise PermissionDenied("Only the learner's workplace supervisor can confirm their reflection.")
    reauthenticate(user, password)
    return _sign_reflection(reflection, user=user, seen_version=seen_version, capacity=Capacity.SUPERVISOR)


@transaction.atomic
def _sign_reflection(reflection, *, user, seen_version, capacity):
    reflection = (
        ShortfallReflection.objects.select_for_update(of=("self",))
        .select_related("enrolment__learner", "enrolment__cohort", "criterion")
        .prefetch_related(_signature_prefetch())
        .get(pk=reflection.pk)
    )
    enrolment = reflection.enrolment
    if reflection.version != seen_version:
        raise RecordMoved(
            "The reflection changed while you were reading it. Read it again, then sign.", code="record_moved"
        )
    state = reflection_state(reflection)
    if capacity == Capacity.FACILITATOR:
        if not can_agree_reflection(user, reflection):
            raise PermissionDenied("Only the learner's assigned facilitator can agree their reflection.")
        if state.agreed:
            raise ValidationError("You have already agreed this reflection.", code="signed")
        signer = _facilitator_signer(user, enrolment)
        meaning = Meaning.REFLECTION_AGREED
    else:
        if not can_confirm_reflection(user, reflection):
            raise PermissionDenied("Only the learner's workplace supervisor can confirm their reflection.")
        if not state.agreed:
            raise ValidationError("The facilitator must agree the reflection before you confirm it.", code="unagreed")
        if state.confirmed:
            raise ValidationError("You have already confirmed this reflection.", code="signed")
        signer = {"signer": user, "signer_name": user.display_name, "signer_role": Role.SUPERVISOR.label}
        meaning = Meaning.REFLECTION_CONFIRMED
    return make_signature(
        enrolment=enrolment,
        subject=reflection_subject(reflection),
        statement={"agreed_by": state.agreement.signer_name if state.agreement else None},
        meaning=meaning,
        capacity=capacity,
        shortfall_reflection=reflection,
        **signer,
    )


def confirmed_reflection(enrolment, criterion):
    """The learner's reflection on this criterion if agreed and confirmed, with its state; else None."""
    reflection = reflection_for(enrolment, criterion)
    if reflection is None:
        return None
    state = reflection_state(reflection)
    return state if state.confirmed else None


def waiting_for_supervisor(user):
    """The reflections the facilitator agreed that wait for this supervisor's confirmation, for
    their home's to-do list, in two queries."""
    standing = Signature.objects.filter(shortfall_reflection=OuterRef("pk")).filter(
        ~Exists(SignatureWithdrawal.objects.filter(signature=OuterRef("pk")))
    )
    candidates = (
        ShortfallReflection.objects.filter(enrolment__supervisor=user, enrolment__status=Enrolment.Status.ACTIVE)
        .filter(Exists(standing.filter(capacity=Capacity.FACILITATOR)))
        .select_related("enrolment__learner", "criterion")
        .prefetch_related(_signature_prefetch())
        .order_by("updated_at", "pk")
    )
    return [r for r in candidates if reflection_state(r).status == "agreed"]


def shortfall_reflections(enrolment):
    """Every critical reflection on a shortfall in the portfolio, with its signatures (two queries)."""
    return list(
        ShortfallReflection.objects.filter(enrolment=enrolment)
        .select_related("criterion")
        .prefetch_related(_signature_prefetch())
        .order_by("criterion__group__position", "criterion__position", "pk")
    )


def learners_reflection(request, outcome, reflection, agreed_with_supervisor):
    """For a sign-off decision accepting a reflection on the shortfall: where the facilitator types
    none, the learner's own reflection on the criterion, agreed and confirmed, with the name of the
    supervisor who confirmed it. Otherwise what the facilitator gave, unchanged."""
    if outcome != "reflection_accepted" or (reflection or "").strip():
        return reflection, agreed_with_supervisor
    state = confirmed_reflection(request.enrolment, request.criterion)
    if state is None:
        return reflection, agreed_with_supervisor
    return state.reflection.reflection, (agreed_with_supervisor or "").strip() or state.confirmation.signer_name
