"""The attendance register: the cohort's leads mark it, atomically and on the audit trail; the
portfolio's schedule reads each workshop's mark for one learner."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coordinated_care.audit.models import AuditEvent
from coordinated_care.programmes.models import Attendance
from coordinated_care.programmes.services.attendance import attendance_for, mark_attendance, marks_for

from .factories import EnrolmentFactory


@pytest.fixture
def workshop(cohort):
    return cohort.workshops.order_by("number").first()


def test_a_learner_nobody_has_marked_has_every_workshop_of_the_cohort_unmarked(enrolment, django_assert_num_queries):
    with django_assert_num_queries(2):
        schedule = attendance_for(enrolment)
    assert [item.workshop.number for item in schedule] == list(range(1, 13))
    assert {item.mark for item in schedule} == {None}
    assert schedule[0].mark_label == "Not marked"


def test_the_lead_marks_a_workshop_and_the_learners_schedule_shows_it(
    enrolment, other_enrolment, programme_lead, workshop
):
    changed = mark_attendance(
        workshop=workshop,
        user=programme_lead,
        marks={enrolment.pk: Attendance.Mark.ATTENDED, other_enrolment.pk: Attendance.Mark.APOLOGIES},
    )
    assert changed == 2
    schedule = attendance_for(enrolment)
    assert (schedule[0].mark, schedule[0].mark_label) == ("attended", "Attended")
    assert {item.mark for item in schedule[1:]} == {None}
    assert marks_for(workshop, [enrolment.pk, other_enrolment.pk]) == {
        enrolment.pk: "attended",
        other_enrolment.pk: "apologies",
    }
    assert Attendance.objects.get(enrolment=enrolment).marked_by == programme_lead


def test_marking_again_changes_only_what_differs_and_an_empty_mark_takes_it_away(
    enrolment, other_enrolment, programme_lead, workshop
):
    mark_attendance(
        workshop=workshop, user=programme_lead, marks={enrolment.pk: "attended", other_enrolment.pk: "absent"}
    )
    changed = mark_attendance(
        workshop=workshop, user=programme_lead, marks={enrolment.pk: "attended", other_enrolment.pk: ""}
    )
    assert changed == 1
    assert marks_for(workshop, [enrolment.pk, other_enrolment.pk]) == {enrolment.pk: "attended"}


def test_every_mark_is_on_the_audit_trail_under_the_learners_enrolment(enrolment, programme_lead, workshop):
    mark_attendance(workshop=workshop, user=programme_lead, marks={enrolment.pk: "attended"})
    mark_attendance(workshop=workshop, user=programme_lead, marks={enrolment.pk: "absent"})
    mark_attendance(workshop=workshop, user=programme_lead, marks={enrolment.pk: ""})
    events = AuditEvent.objects.filter(content_type__model="attendance", content_type__app_label="programmes").order_by(
        "pk"
    )
    assert [event.action for event in events] == ["create", "change", "delete"]
    assert {event.enrolment_id for event in events} == {enrolment.pk}


@pytest.mark.parametrize("persona", ["learner", "facilitator", "supervisor", "employer", "unassigned_facilitator"])
def test_only_the_cohorts_leads_may_mark_and_a_refusal_writes_nothing(request, persona, enrolment, workshop):
    with pytest.raises(PermissionDenied):
        mark_attendance(workshop=workshop, user=request.getfixturevalue(persona), marks={enrolment.pk: "attended"})
    assert not Attendance.objects.exists()


def test_a_learner_of_another_cohort_refuses_the_whole_register(enrolment, programme_lead, workshop):
    stranger = EnrolmentFactory()
    with pytest.raises(ValidationError):
        mark_attendance(
            workshop=workshop, user=programme_lead, marks={enrolment.pk: "attended", stranger.pk: "attended"}
        )
    assert not Attendance.objects.exists()


def test_a_mark_that_is_not_one_of_the_three_refuses_the_whole_register(
    enrolment, other_enrolment, programme_lead, workshop
):
    with pytest.raises(ValidationError):
        mark_attendance(
            workshop=workshop, user=programme_lead, marks={enrolment.pk: "attended", other_enrolment.pk: "late"}
        )
    assert not Attendance.objects.exists()
