"""Delegating assessing a learner (ADR 16). The PD: "When the designated practice-based learning
facilitator is not available, support must be delegated within the team with appropriate
feedback processes in place."

The facilitator the enrolment names, or one of the cohort's leads, delegates to another
facilitator in the same practice or primary care network, for a period (both days included),
with a reason. One delegation covers a learner at a time. For that period the delegate does what
the facilitator does (`access.facilitates_now`) and everything they sign is signed on the
facilitator's behalf; the facilitator is told what was done. A delegation can be withdrawn before
it ends. The audit trail records the delegation (with its first and last day, after which it
gives nothing), its withdrawal, and each signature on behalf (assessments.services.signing)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from coordinated_care import audit
from coordinated_care.accounts.models import Organisation, Role, User
from coordinated_care.core import dates, outbox
from coordinated_care.core.tasks import send_email
from coordinated_care.programmes.models import Delegation, Enrolment

from . import access

LONGEST = datetime.timedelta(days=183)


def may_delegate(user, enrolment):
    """The facilitator the enrolment names, or a cohort lead, while the enrolment is in progress."""
    return enrolment.status == Enrolment.Status.ACTIVE and (
        access.is_facilitator(user, enrolment) or access.leads_cohort(user, enrolment.cohort)
    )


def team_of(enrolment):
    """The organisations whose facilitators may be delegated to: the learner's practice, its PCN
    and the PCN's other practices."""
    practice = enrolment.practice
    pcn_id = practice.parent_id if practice.parent_id and practice.parent.kind == Organisation.Kind.PCN else None
    if pcn_id is None:
        return Organisation.objects.filter(pk=practice.pk)
    return Organisation.objects.filter(Q(pk=practice.pk) | Q(pk=pcn_id) | Q(parent_id=pcn_id))


def possible_delegates(enrolment):
    """Facilitators in the learner's practice or PCN, except the learner and their facilitator."""
    return (
        User.objects.filter(
            role_assignments__role=Role.FACILITATOR,
            role_assignments__organisation__in=team_of(enrolment),
            is_active=True,
        )
        .exclude(pk__in=[enrolment.facilitator_id, enrolment.learner_id])
        .distinct()
        .order_by("full_name", "pk")
    )


def delegations_of(enrolment):
    return Delegation.objects.filter(enrolment=enrolment).select_related(
        "delegate", "facilitator", "created_by", "withdrawn_by"
    )


def _overlapping(enrolment, starts_on, ends_on):
    return Delegation.objects.filter(
        enrolment=enrolment, withdrawn_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on
    )


@transaction.atomic
def delegate(*, enrolment, user, delegate, starts_on, ends_on, reason, today=None, base_url=""):
    today = today or timezone.localdate()
    enrolment = Enrolment.objects.select_for_update().select_related("facilitator", "learner").get(pk=enrolment.pk)
    if not may_delegate(user, enrolment):
        raise PermissionDenied("Only the learner's facilitator or programme lead can delegate assessing them.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why you are delegating", code="reason")
    if starts_on < today:
        raise ValidationError("The first day must be today or in the future", code="starts_on")
    if ends_on < starts_on:
        raise ValidationError("The last day must be the same as or after the first day", code="ends_on")
    if ends_on - starts_on > LONGEST:
        raise ValidationError("A delegation can last 6 months at most", code="ends_on")
    if not possible_delegates(enrolment).filter(pk=delegate.pk).exists():
        raise ValidationError(
            "Choose a practice-based facilitator in the learner's practice or primary care network", code="delegate"
        )
    if _overlapping(enrolment, starts_on, ends_on).exists():
        raise ValidationError(
            "Assessing this learner is already delegated for some of those days. Withdraw that delegation first",
            code="overlap",
        )
    delegation = Delegation.objects.create(
        enrolment=enrolment,
        facilitator=enrolment.facilitator,
        delegate=delegate,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        created_by=user,
    )
    _tell_about(delegation, made=True, base_url=base_url)
    return delegation


def may_withdraw(user, delegation):
    enrolment = delegation.enrolment
    return (
        access.is_facilitator(user, enrolment)
        or access.leads_cohort(user, enrolment.cohort)
        or (user.is_authenticated and user.pk == delegation.created_by_id)
    )


@transaction.atomic
def withdraw(delegation, *, user, today=None, base_url=""):
    """End a delegation before its last day: from now the delegate has no access."""
    today = today or timezone.localdate()
    delegation = Delegation.objects.select_for_update().select_related("enrolment__cohort").get(pk=delegation.pk)
    if not may_withdraw(user, delegation):
        raise PermissionDenied("Only the learner's facilitator or programme lead can withdraw a delegation.")
    if delegation.withdrawn_at is not None:
        raise ValidationError("This delegation has already been withdrawn.", code="withdrawn")
    if delegation.ends_on < today:
        raise ValidationError("This delegation has already ended.", code="ended")
    delegation.withdrawn_at = timezone.now()
    delegation.withdrawn_by = user
    with audit.with_note({"withdrawn": True}):
        delegation.save(update_fields=["withdrawn_at", "withdrawn_by"])
    _tell_about(delegation, made=False, base_url=base_url)
    return delegation


def _tell_about(delegation, *, made, base_url=""):
    enrolment = delegation.enrolment
    learner = enrolment.learner.display_name
    period = f"from {_day(delegation.starts_on)} to {_day(delegation.ends_on)}"
    link = f"{(base_url or settings.SITE_URL).rstrip('/')}{reverse('assessments:caseload')}"
    if made:
        subject = f"Assessing {learner} delegated {period}"
        body = (
            f"Assessing {learner} is delegated to {delegation.delegate.display_name} {period}, on behalf of "
            f"{delegation.facilitator.display_name}.\n\nFor that time the delegate reads the portfolio, signs "
            f"off criteria and signs reviews on the facilitator's behalf, and the facilitator is told of each.\n\n"
            f"Your caseload:\n{link}\n"
        )
    else:
        subject = f"Delegation withdrawn: assessing {learner}"
        body = (
            f"The delegation of assessing {learner} to {delegation.delegate.display_name} {period} has been "
            f"withdrawn. The delegate no longer has access to the portfolio.\n\nYour caseload:\n{link}\n"
        )
    to = sorted({delegation.facilitator.email, delegation.delegate.email} - {""})
    for address in to:
        outbox.enqueue(send_email, to=[address], subject=subject, body=body)


def _day(value):
    return dates.date(value)
