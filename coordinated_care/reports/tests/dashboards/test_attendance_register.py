"""A workshop's attendance register: the cohort's leads mark it, a page of learners at a time,
with each learner's own workshop note beside their name; every mark goes through the programmes
app's service (atomic, audited)."""

import pytest

from conftest import EVERYONE, Access, RoleAssignmentFactory, check_access
from coordinated_care.accounts.models import Role
from coordinated_care.audit.models import AuditEvent
from coordinated_care.portfolios import services as portfolio
from coordinated_care.programmes.models import Attendance
from coordinated_care.reports.dashboards import register

LEADS_MARK = Access(readers={"programme_lead"}, get=EVERYONE, post=EVERYONE)


def register_url(enrolment, number=1):
    return f"/reports/cohorts/{enrolment.cohort.uuid}/workshops/{number}/attendance/"


def marks(enrolment):
    return dict(Attendance.objects.filter(workshop__cohort=enrolment.cohort).values_list("enrolment", "mark"))


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_the_cohorts_leads_see_and_mark_the_register(request, persona, enrolment, other_enrolment):
    check_access(
        request,
        persona,
        register_url(enrolment),
        LEADS_MARK,
        data={f"mark_{enrolment.pk}": "attended", f"mark_{other_enrolment.pk}": "absent"},
        state=lambda: marks(enrolment),
    )


def test_a_lead_of_another_cohort_or_an_employer_elsewhere_is_told_it_does_not_exist(signed_in, enrolment):
    for role in (Role.PROGRAMME_LEAD, Role.EMPLOYER):
        client = signed_in(RoleAssignmentFactory(role=role).user)
        assert client.get(register_url(enrolment)).status_code == 404
        assert client.post(register_url(enrolment), {f"mark_{enrolment.pk}": "attended"}).status_code == 404
    assert not Attendance.objects.exists()


def test_a_workshop_the_cohort_does_not_have_is_not_found(signed_in, enrolment, programme_lead):
    assert signed_in(programme_lead).get(register_url(enrolment, 99)).status_code == 404


def test_the_lead_marks_the_register_and_goes_back_to_the_dashboard(
    signed_in, enrolment, other_enrolment, programme_lead
):
    client = signed_in(programme_lead)
    response = client.post(
        register_url(enrolment), {f"mark_{enrolment.pk}": "attended", f"mark_{other_enrolment.pk}": "apologies"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/reports/cohorts/{enrolment.cohort.uuid}/#workshops"
    assert marks(enrolment) == {enrolment.pk: "attended", other_enrolment.pk: "apologies"}
    page = client.get(response["Location"]).content.decode()
    assert "Attendance at WS1 is saved: 2 marks changed." in page
    events = AuditEvent.objects.filter(content_type__model="attendance")
    assert {e.enrolment_id for e in events} == {enrolment.pk, other_enrolment.pk}
    assert {e.actor_id for e in events} == {programme_lead.pk}
    # The register shows the marks it holds, and a blank takes one away.
    form = client.get(register_url(enrolment)).content.decode()
    assert f'name="mark_{enrolment.pk}" type="radio" value="attended" checked' in form
    client.post(register_url(enrolment), {f"mark_{enrolment.pk}": "", f"mark_{other_enrolment.pk}": "apologies"})
    assert marks(enrolment) == {other_enrolment.pk: "apologies"}


def test_a_mark_that_is_not_on_the_list_is_refused_with_the_learners_name_and_nothing_is_saved(
    signed_in, enrolment, other_enrolment, programme_lead
):
    response = signed_in(programme_lead).post(
        register_url(enrolment), {f"mark_{enrolment.pk}": "attended", f"mark_{other_enrolment.pk}": "late"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Choose a mark for Other Learner" in page
    assert not Attendance.objects.exists()


def test_a_posted_mark_for_someone_not_on_the_page_is_ignored(signed_in, enrolment, programme_lead):
    from coordinated_care.programmes.tests.factories import EnrolmentFactory

    stranger = EnrolmentFactory()
    signed_in(programme_lead).post(
        register_url(enrolment), {f"mark_{enrolment.pk}": "attended", f"mark_{stranger.pk}": "attended"}
    )
    assert dict(Attendance.objects.values_list("enrolment", "mark")) == {enrolment.pk: "attended"}


def test_the_learners_own_note_stays_beside_their_name(signed_in, enrolment, other_enrolment, learner, programme_lead):
    workshop = enrolment.cohort.workshops.get(number=1)
    portfolio.save_workshop_note(
        enrolment,
        workshop,
        content={"attended": "partly", "notes": "Left early for a practice meeting; read the slides after."},
        user=learner,
        seen_version=0,
    )
    page = signed_in(programme_lead).get(register_url(enrolment)).content.decode()
    assert "Their note: attended, partly." in page
    assert "Left early for a practice meeting; read the slides after." in page
    assert "No workshop note from them yet." in page  # the other learner's
    assert "<legend" in page and "Test Learner" in page


def test_the_register_comes_a_page_at_a_time(signed_in, enrolment, other_enrolment, programme_lead, monkeypatch):
    monkeypatch.setattr(register, "LEARNERS_PER_PAGE", 1)
    client = signed_in(programme_lead)
    second = client.get(register_url(enrolment), {"page": "2"}).content.decode()
    assert "Learners 2 to 2 of 2" in second
    assert f'name="mark_{enrolment.pk}"' in second and f'name="mark_{other_enrolment.pk}"' not in second
    client.post(register_url(enrolment) + "?page=2", {f"mark_{enrolment.pk}": "absent"})
    assert marks(enrolment) == {enrolment.pk: "absent"}


def test_the_register_costs_the_same_queries_however_many_learners(
    signed_in, enrolment, programme_lead, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coordinated_care.programmes.tests.factories import EnrolmentFactory

    client = signed_in(programme_lead)
    client.get(register_url(enrolment))

    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get(register_url(enrolment))
        return len(captured)

    few = count()
    for _ in range(5):
        EnrolmentFactory(cohort=enrolment.cohort)
    assert count() == few <= 12
