"""The attendance register: the programme lead marks who came to each of a cohort's workshops.

What the portfolio's learning and development schedule reads is `attendance_for(enrolment)`:
every workshop of the learner's cohort, in order, with its mark or none. Marks are written only
by `mark_attendance`, in one transaction, each one recorded by the audit trail."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from coordinated_care.programmes.models import Attendance, Enrolment, Workshop

from .access import can_manage_cohort

MARKS = Attendance.Mark


@dataclass(frozen=True)
class WorkshopAttendance:
    workshop: Workshop
    # None while the workshop has not been marked for this learner.
    mark: str | None

    @property
    def mark_label(self):
        return MARKS(self.mark).label if self.mark else "Not marked"


def attendance_for(enrolment):
    """Each workshop of the enrolment's cohort, in order, with this learner's mark: two queries."""
    marks = dict(Attendance.objects.filter(enrolment=enrolment).values_list("workshop_id", "mark"))
    workshops = Workshop.objects.filter(cohort_id=enrolment.cohort_id).order_by("number")
    return [WorkshopAttendance(workshop, marks.get(workshop.pk)) for workshop in workshops]


def marks_for(workshop, enrolment_ids):
    """The marks of one workshop for these enrolments, by enrolment id: one query."""
    return dict(
        Attendance.objects.filter(workshop=workshop, enrolment_id__in=list(enrolment_ids)).values_list(
            "enrolment_id", "mark"
        )
    )


def can_mark_attendance(user, workshop):
    """Whoever runs the cohort (its leads, administrators) marks its register."""
    return can_manage_cohort(user, workshop.cohort)


@transaction.atomic
def mark_attendance(*, workshop, user, marks):
    """Mark the register of `workshop`: `marks` maps an enrolment id to a mark, or to "" to take
    a mark away. Every mark is written, or none (a learner of another cohort refuses the lot).
    Returns how many marks changed."""
    if not can_mark_attendance(user, workshop):
        raise PermissionDenied("Only the cohort's leads can mark its attendance register.")
    # Two leads marking the same workshop at once: the workshop's row is the lock, and the
    # permission is asked again under it (a role taken away meanwhile takes the right with it).
    list(Workshop.objects.select_for_update().filter(pk=workshop.pk).order_by().values_list("pk", flat=True))
    if not can_mark_attendance(user, workshop):
        raise PermissionDenied("Only the cohort's leads can mark its attendance register.")
    marks = {int(enrolment_id): (mark or "") for enrolment_id, mark in marks.items()}
    unknown = [mark for mark in marks.values() if mark and mark not in MARKS.values]
    if unknown:
        raise ValidationError("Choose attended, sent apologies or absent.", code="mark")
    in_cohort = set(
        Enrolment.objects.filter(cohort_id=workshop.cohort_id, pk__in=list(marks)).values_list("pk", flat=True)
    )
    if in_cohort != set(marks):
        raise ValidationError("Mark only the learners of this workshop's cohort.", code="enrolment")
    existing = {a.enrolment_id: a for a in Attendance.objects.filter(workshop=workshop, enrolment_id__in=list(marks))}
    changed = 0
    # One save or delete a mark, not a bulk write: the audit trail sees each through its signals.
    for enrolment_id, mark in sorted(marks.items()):
        attendance = existing.get(enrolment_id)
        if not mark:
            if attendance is not None:
                attendance.delete()
                changed += 1
            continue
        if attendance is None:
            Attendance.objects.create(workshop=workshop, enrolment_id=enrolment_id, mark=mark, marked_by=user)
            changed += 1
        elif attendance.mark != mark:
            attendance.mark = mark
            attendance.marked_by = user
            attendance.save(update_fields=["mark", "marked_by", "marked_at"])
            changed += 1
    return changed
