"""Reasonable adjustments on an enrolment (the PD: the facilitator "should be aware of any
disability or needs that require reasonable adjustments and allow for this").

They are the learner's own, and the narrowest thing in the service to see: the learner, their
facilitators (the one the enrolment names and, while a delegation lasts, their delegate:
`facilitates_now`) and the cohort's leads, while each holds their role. Nobody else, not the
workplace supervisor, an employer or an administrator, and never a report, a dashboard, an
export beyond those people or the portfolio PDF (whoever downloads it may hand it on): only the
adjustments page shows them, and the learner's own download of their data.

The learner, or those who support them, record an adjustment; a facilitator or a lead of the
cohort agrees it, and who agreed it and when is kept. One they record themselves is agreed as they
record it. The audit trail records each record, agreement and removal, without the words
(programmes/audited.py)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from coordinated_care.programmes.models import Enrolment, ReasonableAdjustment

from .access import _active, facilitates_now, leads_cohort


def can_see_adjustments(user, enrolment):
    if not user.is_authenticated:
        return False
    return user.pk == enrolment.learner_id or facilitates_now(user, enrolment) or leads_cohort(user, enrolment.cohort)


def can_record_adjustments(user, enrolment):
    """Recording and removing: any of those who see them, while the enrolment is in progress."""
    return _active(enrolment) and can_see_adjustments(user, enrolment)


def can_agree_adjustments(user, enrolment):
    """Agreeing: their facilitator (a delegate too) or a lead of the cohort, never the learner."""
    return (
        _active(enrolment)
        and user.pk != enrolment.learner_id
        and (facilitates_now(user, enrolment) or leads_cohort(user, enrolment.cohort))
    )


def adjustments_of(enrolment):
    """The enrolment's adjustments, oldest first, with who recorded and agreed each: one query."""
    return list(ReasonableAdjustment.objects.filter(enrolment=enrolment).select_related("recorded_by", "agreed_by"))


def _locked(enrolment):
    return Enrolment.objects.select_for_update().select_related("cohort").get(pk=enrolment.pk)


def record_adjustment(enrolment, *, by, adjustment):
    with transaction.atomic():
        enrolment = _locked(enrolment)
        if not can_record_adjustments(by, enrolment):
            raise PermissionDenied("Only the learner and those who support them record a reasonable adjustment.")
        agreed = can_agree_adjustments(by, enrolment)
        return ReasonableAdjustment.objects.create(
            enrolment=enrolment,
            adjustment=adjustment,
            recorded_by=by,
            agreed_by=by if agreed else None,
            agreed_on=timezone.localdate() if agreed else None,
        )


def agree_adjustment(adjustment, *, by):
    """Agree an adjustment the learner recorded. Agreeing one already agreed changes nothing."""
    with transaction.atomic():
        enrolment = _locked(adjustment.enrolment)
        if not can_agree_adjustments(by, enrolment):
            raise PermissionDenied("Only the learner's facilitator or a lead of the cohort agrees an adjustment.")
        adjustment = ReasonableAdjustment.objects.select_for_update().get(pk=adjustment.pk)
        if adjustment.agreed_by_id is None:
            adjustment.agreed_by = by
            adjustment.agreed_on = timezone.localdate()
            adjustment.save(update_fields=["agreed_by", "agreed_on"])
        return adjustment


def remove_adjustment(adjustment, *, by):
    """An adjustment no longer needed is removed; the audit trail keeps that it was."""
    with transaction.atomic():
        enrolment = _locked(adjustment.enrolment)
        if not can_record_adjustments(by, enrolment):
            raise PermissionDenied("Only the learner and those who support them remove a reasonable adjustment.")
        ReasonableAdjustment.objects.filter(pk=adjustment.pk).delete()
