"""What of the programmes app the audit trail records, and who may read the audit trail: called
from ProgrammesConfig.ready() (ADR 6, ADR 10). Labels cost no query (they run on every save) and
never name a patient."""

from coordinated_care import audit
from coordinated_care.audit.providers import Readers, register_readers

from .models import (
    AccreditedTraining,
    Attendance,
    Delegation,
    Enrolment,
    ReasonableAdjustment,
    ScheduleChange,
    Workshop,
)
from .services import can_manage_cohort, can_read_portfolio, is_administrator, readable_enrolment
from .services.adjustments import can_see_adjustments


def register_models():
    audit.register(Enrolment, enrolment=lambda enrolment: enrolment.pk, label=_enrolment_label)
    # Who may assess a learner on their facilitator's behalf, for when, and why (ADR 16).
    audit.register(Delegation, label=lambda delegation: f"Delegation {delegation.pk}")
    audit.register(AccreditedTraining, label=lambda training: f"Accredited training: {training.provider}")
    # Filed under the learner's enrolment: whoever reads the portfolio reads how it was marked.
    audit.register(Attendance, label=lambda attendance: f"Attendance at workshop {attendance.workshop_id}")
    # A learner's own schedule: what was moved, added or marked not applicable for them, and why.
    audit.register(ScheduleChange, label=lambda change: f"Schedule change: {change.get_kind_display()}")
    # A learner's reasonable adjustments are for those who see them (services/adjustments.py), not
    # for every reader of the portfolio: filed under no enrolment, and kept without their words.
    audit.register(
        ReasonableAdjustment,
        enrolment=lambda adjustment: None,
        exclude=("adjustment",),
        label=lambda adjustment: f"Reasonable adjustment {adjustment.pk}",
        can_read=_can_read_adjustment,
    )
    # A workshop belongs to a cohort, not to one portfolio: its history is for those who run it.
    audit.register(Workshop, enrolment=lambda workshop: None, can_read=_can_read_workshop)


def register_audit_readers():
    """Whoever may read a portfolio may read the events filed under its enrolment."""
    register_readers(
        Readers(
            enrolment=_enrolment_with_cohort,
            readable_portfolio=readable_enrolment,
            can_read=can_read_portfolio,
            is_administrator=is_administrator,
        )
    )


def _enrolment_label(enrolment):
    # Ids, not names: this runs on every save, and a name would cost two queries.
    return f"Enrolment {enrolment.pk}"


def _enrolment_with_cohort(enrolment_id):
    return Enrolment.objects.select_related("cohort").filter(pk=enrolment_id).first()


def _can_read_workshop(user, workshop_id):
    workshop = Workshop.objects.select_related("cohort").filter(pk=workshop_id).first()
    if workshop is None:
        return is_administrator(user)
    return can_manage_cohort(user, workshop.cohort)


def _can_read_adjustment(user, adjustment_id):
    """The history of a reasonable adjustment: for those who see it, or administrators once it is gone."""
    adjustment = ReasonableAdjustment.objects.select_related("enrolment__cohort").filter(pk=adjustment_id).first()
    if adjustment is None:
        return is_administrator(user)
    return can_see_adjustments(user, adjustment.enrolment)
