"""The learning and development schedule, per cohort and per learner.

A cohort's schedule is its workshops, dated from the programme's plan; its leads (and
administrators) change a workshop's theme, date and place, or add one, in the service. A learner's
schedule is the cohort's, adapted for them by their facilitator or one of the cohort's leads: a
workshop moved to another date, marked not applicable, or one added for them alone (which can be
removed again), each with the reason (`ScheduleChange`). `schedule_for(enrolment)` is the one
reader of a learner's schedule: the portfolio's workshops page and its PDF show what it gives."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from coordinated_care.programmes.models import Attendance, Enrolment, ScheduleChange, Workshop

from .access import can_manage_cohort, facilitates_now

KINDS = ScheduleChange.Kind
MARKS = Attendance.Mark


@dataclass(frozen=True)
class ScheduleItem:
    """One workshop of a learner's schedule. `workshop` is the cohort's (None for one added for
    this learner alone); `date` is the learner's; `change` what was changed for them, if anything."""

    workshop: Workshop | None
    number: int | None
    theme: str
    date: object
    location: str
    change: ScheduleChange | None
    # The register's mark (only the cohort's workshops have a register); None while unmarked.
    mark: str | None

    @property
    def cohort_date(self):
        return self.workshop.date if self.workshop else None

    @property
    def label(self):
        return f"WS{self.number}: {self.theme}" if self.number is not None else self.theme

    @property
    def not_applicable(self):
        return self.change is not None and self.change.kind == KINDS.NOT_APPLICABLE

    @property
    def status(self):
        """In words: what the learner's schedule says of this workshop."""
        if self.change is None:
            return "As planned"
        if self.change.kind == KINDS.MOVED:
            return "Moved"
        if self.change.kind == KINDS.ADDED:
            return "Added"
        return "Not applicable"

    @property
    def mark_label(self):
        if self.not_applicable:
            return "Not applicable"
        if self.workshop is None:
            return "Not on the cohort's register"
        return MARKS(self.mark).label if self.mark else "Not marked"


def schedule_for(enrolment, *, with_marks=True):
    """The learner's schedule in date order (a workshop not applicable to them keeps its place):
    three queries, however many workshops and changes (two without the register's marks)."""
    workshops = list(Workshop.objects.filter(cohort_id=enrolment.cohort_id).order_by("number"))
    changes = list(ScheduleChange.objects.filter(enrolment_id=enrolment.pk).order_by("date", "pk"))
    marks = {}
    if with_marks:
        marks = dict(Attendance.objects.filter(enrolment_id=enrolment.pk).values_list("workshop_id", "mark"))
    by_workshop = {change.workshop_id: change for change in changes if change.workshop_id}
    items = []
    for workshop in workshops:
        change = by_workshop.get(workshop.pk)
        date = change.date if change is not None and change.kind == KINDS.MOVED else workshop.date
        items.append(
            ScheduleItem(
                workshop, workshop.number, workshop.theme, date, workshop.location, change, marks.get(workshop.pk)
            )
        )
    for change in changes:
        if change.kind == KINDS.ADDED:
            items.append(ScheduleItem(None, None, change.theme, change.date, "", change, None))
    return sorted(items, key=lambda item: (item.date, item.number if item.number is not None else 10_000))


def can_adapt_schedule(user, enrolment):
    """The learner's facilitator (or their delegate today, while they hold the role) and whoever
    runs the cohort (its leads, administrators) adapt a learner's schedule, while the enrolment is
    in progress."""
    if enrolment.status != Enrolment.Status.ACTIVE:
        return False
    return facilitates_now(user, enrolment) or can_manage_cohort(user, enrolment.cohort)


def can_see_adaptations(user, enrolment):
    """Who may open the page that adapts a learner's schedule (even once it is finished)."""
    return facilitates_now(user, enrolment) or can_manage_cohort(user, enrolment.cohort)


def _reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Enter the reason for the change", code="reason")
    return reason


def _check(user, enrolment):
    if not can_adapt_schedule(user, enrolment):
        raise PermissionDenied("Only the learner's facilitator or the cohort's leads adapt their schedule.")


@transaction.atomic
def adapt_workshop(*, enrolment, workshop, user, kind, reason, date=None):
    """Move one of the cohort's workshops for this learner, or mark it not applicable to them; a
    second change of the same workshop replaces the first. The audit trail records each."""
    _check(user, enrolment)
    if workshop.cohort_id != enrolment.cohort_id:
        raise ValidationError("That workshop is not on this learner's cohort.", code="workshop")
    reason = _reason(reason)
    if kind == KINDS.MOVED:
        if date is None:
            raise ValidationError("Enter the learner's date for the workshop", code="date")
        if date == workshop.date:
            raise ValidationError("Enter a date other than the cohort's", code="date")
    elif kind == KINDS.NOT_APPLICABLE:
        date = None
    else:
        raise ValidationError("Choose whether the workshop moves or is not applicable", code="kind")
    change = ScheduleChange.objects.filter(enrolment=enrolment, workshop=workshop).first()
    if change is None:
        change = ScheduleChange(enrolment=enrolment, workshop=workshop)
    change.kind, change.date, change.reason, change.changed_by = kind, date, reason, user
    change.save()
    return change


@transaction.atomic
def restore_workshop(*, enrolment, workshop, user):
    """The learner goes back to the cohort's workshop as it is."""
    _check(user, enrolment)
    change = ScheduleChange.objects.filter(enrolment=enrolment, workshop=workshop).first()
    if change is not None:
        change.delete()
    return change is not None


@transaction.atomic
def add_learner_workshop(*, enrolment, user, theme, date, reason):
    """A workshop for this learner alone (the cohort's register does not list it)."""
    _check(user, enrolment)
    theme = (theme or "").strip()
    if not theme:
        raise ValidationError("Enter the workshop's theme", code="theme")
    if date is None:
        raise ValidationError("Enter the workshop's date", code="date")
    return ScheduleChange.objects.create(
        enrolment=enrolment, kind=KINDS.ADDED, theme=theme, date=date, reason=_reason(reason), changed_by=user
    )


def added_workshop(enrolment, change_id):
    """A workshop added for this learner alone, or None: the address names it within its enrolment."""
    return ScheduleChange.objects.filter(enrolment_id=enrolment.pk, kind=KINDS.ADDED, pk=change_id).first()


@transaction.atomic
def remove_learner_workshop(*, enrolment, change, user):
    """Take away a workshop added for this learner alone; whoever may add one removes one. The
    cohort's own workshops are not removed from a learner's schedule: they are marked not
    applicable, with the reason. The audit trail records the removal, with who made it and what
    the workshop was (its theme, date and the reason it was added), under the learner's enrolment."""
    _check(user, enrolment)
    if change.enrolment_id != enrolment.pk or change.kind != KINDS.ADDED:
        raise ValidationError(
            "Only a workshop added for this learner is removed. Mark one of the cohort's workshops not applicable.",
            code="workshop",
        )
    change.delete()


# The cohort's own schedule, changed by whoever runs the cohort.


def _check_cohort(user, cohort):
    if not can_manage_cohort(user, cohort):
        raise PermissionDenied("Only the cohort's leads change its schedule.")


@transaction.atomic
def change_cohort_workshop(*, workshop, user, theme, date, location=""):
    """The cohort's workshop, for every learner on it (their own changes stay as they are)."""
    _check_cohort(user, workshop.cohort)
    theme = (theme or "").strip()
    if not theme:
        raise ValidationError("Enter the workshop's theme", code="theme")
    workshop.theme, workshop.date, workshop.location = theme, date, location or ""
    workshop.save(update_fields=["theme", "date", "location"])
    return workshop


@transaction.atomic
def add_cohort_workshop(*, cohort, user, theme, date, location=""):
    """A workshop the programme's plan does not have, numbered after the cohort's last."""
    _check_cohort(user, cohort)
    theme = (theme or "").strip()
    if not theme:
        raise ValidationError("Enter the workshop's theme", code="theme")
    # The cohort's row is the lock: two leads adding at once do not take the same number.
    list(type(cohort).objects.select_for_update().filter(pk=cohort.pk).values_list("pk", flat=True))
    last = Workshop.objects.filter(cohort=cohort).aggregate(last=Max("number"))["last"] or 0
    return Workshop.objects.create(cohort=cohort, number=last + 1, theme=theme, date=date, location=location or "")
