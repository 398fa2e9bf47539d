"""A learner's own schedule: the cohort's workshops, moved, marked not applicable or added for one
learner by their facilitator or the cohort's leads, each with the reason; what the learner and the
PDF then show; and the cohort's own workshops changed and added by its leads."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import EVERYONE, Access, check_access
from coordinated_care.programmes.models import Enrolment, ScheduleChange
from coordinated_care.programmes.services import schedule

pytestmark = pytest.mark.django_db

ADAPTERS = frozenset({"facilitator", "programme_lead", "administrator"})
FORM = {"post_status": 200, "changes": False}
VIEWS = {
    "learner's schedule": (lambda e: f"/schedule/{e.uuid}/", Access(ADAPTERS, get=ADAPTERS)),
    "change a workshop for the learner": (
        lambda e: f"/schedule/{e.uuid}/workshops/3/",
        Access(ADAPTERS, get=ADAPTERS, post=ADAPTERS, **FORM),
    ),
    "add a workshop for the learner": (
        lambda e: f"/schedule/{e.uuid}/add/",
        Access(ADAPTERS, get=ADAPTERS, post=ADAPTERS, **FORM),
    ),
    "add a workshop to the cohort": (
        lambda e: f"/cohorts/{e.cohort.uuid}/workshops/new/",
        Access(
            {"programme_lead", "administrator"},
            get={"programme_lead", "administrator"},
            post={"programme_lead", "administrator"},
            **FORM,
        ),
    ),
}


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("view", VIEWS)
def test_only_the_facilitator_and_those_who_run_the_cohort_adapt_a_schedule(view, persona, enrolment, request):
    path, access = VIEWS[view]
    check_access(request, persona, path(enrolment), access, state=lambda: ScheduleChange.objects.count())


def _workshop(enrolment, number):
    return enrolment.cohort.workshops.get(number=number)


def test_a_moved_and_a_not_applicable_workshop_are_the_learners_alone(enrolment, facilitator, other_learner, practice):
    from coordinated_care.programmes.services import enrol

    other = enrol(cohort=enrolment.cohort, learner=other_learner, practice=practice, facilitator=facilitator)
    ws2, ws3 = _workshop(enrolment, 2), _workshop(enrolment, 3)
    new_date = ws2.date + datetime.timedelta(days=14)
    schedule.adapt_workshop(
        enrolment=enrolment, workshop=ws2, user=facilitator, kind="moved", date=new_date, reason="On leave that week"
    )
    schedule.adapt_workshop(
        enrolment=enrolment, workshop=ws3, user=facilitator, kind="not_applicable", reason="Covered in earlier role"
    )
    mine = {item.number: item for item in schedule.schedule_for(enrolment)}
    assert mine[2].date == new_date and mine[2].status == "Moved" and mine[2].change.reason == "On leave that week"
    assert mine[3].not_applicable and mine[3].mark_label == "Not applicable"
    theirs = {item.number: item for item in schedule.schedule_for(other)}
    assert theirs[2].date == ws2.date and theirs[2].change is None and not theirs[3].not_applicable
    ws2.refresh_from_db()
    assert ws2.date != new_date  # the cohort's workshop is as it was


def test_a_second_change_replaces_the_first_and_restoring_takes_it_away(enrolment, programme_lead):
    ws2 = _workshop(enrolment, 2)
    schedule.adapt_workshop(
        enrolment=enrolment, workshop=ws2, user=programme_lead, kind="not_applicable", reason="Not needed"
    )
    schedule.adapt_workshop(
        enrolment=enrolment,
        workshop=ws2,
        user=programme_lead,
        kind="moved",
        date=ws2.date + datetime.timedelta(days=1),
        reason="Clash with clinic",
    )
    assert list(ScheduleChange.objects.values_list("kind", flat=True)) == ["moved"]
    assert schedule.restore_workshop(enrolment=enrolment, workshop=ws2, user=programme_lead)
    assert not ScheduleChange.objects.exists()


def test_an_added_workshop_is_on_the_learners_schedule_in_date_order(enrolment, facilitator):
    first = _workshop(enrolment, 1)
    schedule.add_learner_workshop(
        enrolment=enrolment,
        user=facilitator,
        theme="Catch-up on shared decision making",
        date=first.date + datetime.timedelta(days=1),
        reason="Missed WS1 through illness",
    )
    items = schedule.schedule_for(enrolment)
    assert [item.label for item in items[:2]] == [f"WS1: {first.theme}", "Catch-up on shared decision making"]
    assert items[1].mark_label == "Not on the cohort's register"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"kind": "moved", "reason": "Because"}, "Enter the learner's date"),
        ({"kind": "not_applicable", "reason": "  "}, "Enter the reason"),
        ({"kind": "sideways", "reason": "Because"}, "Choose whether"),
    ],
)
def test_a_change_needs_its_date_and_its_reason(enrolment, facilitator, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        schedule.adapt_workshop(enrolment=enrolment, workshop=_workshop(enrolment, 2), user=facilitator, **kwargs)


def test_only_the_facilitator_and_leads_adapt_and_only_while_in_progress(
    enrolment, supervisor, unassigned_facilitator, facilitator
):
    ws2 = _workshop(enrolment, 2)
    for outsider in (supervisor, unassigned_facilitator, enrolment.learner):
        with pytest.raises(PermissionDenied):
            schedule.adapt_workshop(
                enrolment=enrolment, workshop=ws2, user=outsider, kind="not_applicable", reason="No"
            )
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.save()
    with pytest.raises(PermissionDenied):
        schedule.adapt_workshop(enrolment=enrolment, workshop=ws2, user=facilitator, kind="not_applicable", reason="No")


def test_the_facilitator_moves_a_workshop_through_the_page_and_the_learner_sees_it(
    enrolment, facilitator, learner, signed_in
):
    ws4 = _workshop(enrolment, 4)
    client = signed_in(facilitator)
    new_date = ws4.date + datetime.timedelta(days=7)
    response = client.post(
        f"/schedule/{enrolment.uuid}/workshops/4/",
        {
            "kind": "moved",
            "date_day": new_date.day,
            "date_month": new_date.month,
            "date_year": new_date.year,
            "reason": "Starts a week later at the practice",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client = signed_in(learner)
    page = client.get(f"/portfolio/{enrolment.uuid}/workshops/").content.decode()
    assert "Starts a week later at the practice" in page
    assert "moved for you" in page


def test_the_page_asks_for_a_reason(enrolment, facilitator, signed_in):
    response = signed_in(facilitator).post(f"/schedule/{enrolment.uuid}/workshops/4/", {"kind": "not_applicable"})
    assert response.status_code == 200
    assert "Enter the reason for the change" in response.content.decode()
    assert not ScheduleChange.objects.exists()


def test_the_pdf_shows_the_learners_adapted_schedule(enrolment, facilitator):
    from coordinated_care.reports.document.gather import _schedule

    schedule.adapt_workshop(
        enrolment=enrolment,
        workshop=_workshop(enrolment, 5),
        user=facilitator,
        kind="not_applicable",
        reason="Done before",
    )
    rows = {row["number"]: row for row in _schedule(enrolment, {})}
    assert rows[5]["status"] == "Not applicable" and rows[5]["reason"] == "Done before"
    assert rows[5]["mark"] == "Not applicable"


def test_a_lead_changes_a_cohort_workshops_theme_and_adds_one(enrolment, programme_lead, signed_in):
    cohort = enrolment.cohort
    client = signed_in(programme_lead)
    ws1 = _workshop(enrolment, 1)
    response = client.post(
        f"/cohorts/{cohort.uuid}/workshops/1/",
        {
            "theme": "Welcome and introductions",
            "date_day": ws1.date.day,
            "date_month": ws1.date.month,
            "date_year": ws1.date.year,
            "location": "Online",
        },
    )
    assert response.status_code == 302
    ws1.refresh_from_db()
    assert ws1.theme == "Welcome and introductions"
    last = cohort.workshops.order_by("-number").first()
    response = client.post(
        f"/cohorts/{cohort.uuid}/workshops/new/",
        {"theme": "Celebration", "date_day": 1, "date_month": 6, "date_year": 2031, "location": ""},
    )
    assert response.status_code == 302
    added = cohort.workshops.order_by("-number").first()
    assert (added.number, added.theme) == (last.number + 1, "Celebration")


def test_the_learners_schedule_costs_a_fixed_number_of_queries(enrolment, facilitator, django_assert_num_queries):
    for number in (2, 3, 4):
        schedule.adapt_workshop(
            enrolment=enrolment,
            workshop=_workshop(enrolment, number),
            user=facilitator,
            kind="not_applicable",
            reason="x",
        )
    with django_assert_num_queries(3):
        schedule.schedule_for(enrolment)


def test_the_facilitator_finds_the_learners_schedule_from_the_portfolio_and_the_supervisor_does_not(
    enrolment, facilitator, supervisor, signed_in
):
    link = f'href="/schedule/{enrolment.uuid}/"'
    assert link in signed_in(facilitator).get(f"/portfolio/{enrolment.uuid}/workshops/").content.decode()
    assert link not in signed_in(supervisor).get(f"/portfolio/{enrolment.uuid}/workshops/").content.decode()


def _added(enrolment, user, theme="Catch-up on shared decision making"):
    return schedule.add_learner_workshop(
        enrolment=enrolment,
        user=user,
        theme=theme,
        date=_workshop(enrolment, 1).date + datetime.timedelta(days=1),
        reason="Missed WS1 through illness",
    )


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_whoever_may_add_a_workshop_removes_one(persona, enrolment, facilitator, request):
    """The confirmation page and the removal: the learner's facilitator and whoever runs the cohort;
    everyone else (the learner, another learner, an unassigned facilitator, anonymous) is refused
    and nothing is removed."""
    added = _added(enrolment, facilitator)
    check_access(
        request,
        persona,
        f"/schedule/{enrolment.uuid}/added/{added.pk}/remove/",
        Access(ADAPTERS, get=ADAPTERS, post=ADAPTERS),
        state=lambda: ScheduleChange.objects.count(),
    )


def test_removing_an_added_workshop_takes_it_off_the_schedule_and_is_on_the_trail(
    enrolment, facilitator, programme_lead
):
    from coordinated_care.audit.models import AuditEvent

    added = _added(enrolment, facilitator)
    kept = _added(enrolment, facilitator, theme="Second catch-up")
    schedule.remove_learner_workshop(enrolment=enrolment, change=added, user=programme_lead)
    assert [item.label for item in schedule.schedule_for(enrolment) if item.workshop is None] == ["Second catch-up"]
    assert ScheduleChange.objects.filter(pk=kept.pk).exists()
    event = AuditEvent.objects.get(content_type__model="schedulechange", action="delete")
    assert event.enrolment_id == enrolment.pk  # in the portfolio's history
    assert event.before["theme"] == "Catch-up on shared decision making"
    assert event.before["reason"] == "Missed WS1 through illness"


def test_a_cohort_workshop_is_not_removed_only_marked_not_applicable(enrolment, facilitator):
    change = schedule.adapt_workshop(
        enrolment=enrolment, workshop=_workshop(enrolment, 3), user=facilitator, kind="not_applicable", reason="Done"
    )
    with pytest.raises(ValidationError) as refused:
        schedule.remove_learner_workshop(enrolment=enrolment, change=change, user=facilitator)
    assert refused.value.code == "workshop"
    assert ScheduleChange.objects.filter(pk=change.pk).exists()
    assert schedule.added_workshop(enrolment, change.pk) is None


def test_nobody_else_removes_an_added_workshop_and_nor_once_the_enrolment_is_finished(
    enrolment, facilitator, supervisor, unassigned_facilitator, other_learner, practice
):
    from coordinated_care.programmes.services import enrol

    added = _added(enrolment, facilitator)
    for outsider in (supervisor, unassigned_facilitator, enrolment.learner):
        with pytest.raises(PermissionDenied):
            schedule.remove_learner_workshop(enrolment=enrolment, change=added, user=outsider)
    other = enrol(cohort=enrolment.cohort, learner=other_learner, practice=practice, facilitator=facilitator)
    with pytest.raises(ValidationError):
        schedule.remove_learner_workshop(enrolment=other, change=added, user=facilitator)
    assert schedule.added_workshop(other, added.pk) is None
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.save()
    with pytest.raises(PermissionDenied):
        schedule.remove_learner_workshop(enrolment=enrolment, change=added, user=facilitator)
    assert ScheduleChange.objects.filter(pk=added.pk).exists()


def test_the_facilitator_removes_an_added_workshop_from_the_schedule_page(enrolment, facilitator, signed_in):
    added = _added(enrolment, facilitator)
    client = signed_in(facilitator)
    remove = f"/schedule/{enrolment.uuid}/added/{added.pk}/remove/"
    page = client.get(f"/schedule/{enrolment.uuid}/").content.decode()
    assert f'href="{remove}"' in page
    confirm = client.get(remove).content.decode()
    assert "Remove Catch-up on shared decision making" in confirm and "Missed WS1 through illness" in confirm
    response = client.post(remove)
    assert response.status_code == 302 and response["Location"] == f"/schedule/{enrolment.uuid}/"
    assert not ScheduleChange.objects.exists()
    assert "is removed from" in client.get(response["Location"]).content.decode()
    assert client.get(remove).status_code == 404
    from coordinated_care.audit.models import AuditEvent

    event = AuditEvent.objects.get(content_type__model="schedulechange", action="delete")
    assert event.actor_id == facilitator.pk and event.enrolment_id == enrolment.pk
