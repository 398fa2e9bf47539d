"""The home pages of the people who support learners: a facilitator's and a supervisor's learners,
a programme lead's cohorts, each in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordinated_care.programmes.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_a_facilitator_sees_the_learners_they_assess_and_no_others(signed_in, facilitator, enrolment, other_enrolment):
    html = signed_in(facilitator).get("/facilitator/").content.decode()
    assert "Test Learner" in html and "Test Practice" in html and enrolment.cohort.name in html
    assert f'href="/portfolio/{enrolment.uuid}/"' in html
    assert "Evidence for 0 of 30 criteria" in html
    assert "Other Learner" not in html and str(other_enrolment.uuid) not in html


def test_a_supervisor_sees_the_learners_they_supervise(signed_in, supervisor, enrolment, other_enrolment):
    html = signed_in(supervisor).get("/supervisor/").content.decode()
    assert f'href="/portfolio/{enrolment.uuid}/"' in html
    assert str(other_enrolment.uuid) not in html


def test_the_unassigned_facilitator_sees_only_their_own(signed_in, unassigned_facilitator, enrolment, other_enrolment):
    html = signed_in(unassigned_facilitator).get("/facilitator/").content.decode()
    assert str(other_enrolment.uuid) in html
    assert str(enrolment.uuid) not in html


def test_empty_homes_say_what_will_appear(signed_in, facilitator, supervisor, programme_lead, db):
    assert "No learners are assigned to you yet" in signed_in(facilitator).get("/facilitator/").content.decode()
    assert "No learners have named you" in signed_in(supervisor).get("/supervisor/").content.decode()
    assert "You are not running a cohort yet" in signed_in(programme_lead).get("/programme-lead/").content.decode()


def test_a_programme_lead_sees_their_cohorts_with_counts(signed_in, programme_lead, enrolment, other_enrolment):
    html = signed_in(programme_lead).get("/programme-lead/").content.decode()
    cohort = enrolment.cohort
    assert f'href="/cohorts/{cohort.uuid}/"' in html
    assert 'href="/cohorts/new/"' in html
    from coordinated_care.accounts.models import Role
    from coordinated_care.programmes.presenters import role_home_context

    [row] = role_home_context(Role.PROGRAMME_LEAD, programme_lead)["cohorts"]
    assert (row["cohort"], row["learners"], row["falling_behind"]) == (cohort, 2, 2)
    assert row["next_workshop"].number == 4  # the factory's cohort started five weeks ago


def count(client, path):
    """The queries of `path` once its learners' progress is stored: the first request after a change
    counts the changed portfolios again (portfolios.facts, ADR 22), and on the facilitator's home
    works out their caseload again (eight queries more: assessments.services.caseload keeps it under
    the learners' facts versions), in the same queries however many changed."""
    with CaptureQueriesContext(connection) as counting:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    assert len(counting) <= len(captured) + 20 + 8
    return len(captured)


@pytest.mark.parametrize(
    "persona, path, role_of_persona",
    [
        ("facilitator", "/facilitator/", "facilitator"),
        ("supervisor", "/supervisor/", "supervisor"),
        ("programme_lead", "/programme-lead/", None),
    ],
)
def test_homes_cost_the_same_queries_for_one_or_ten_learners(
    persona, path, role_of_persona, enrolment, signed_in, request
):
    client = signed_in(request.getfixturevalue(persona))
    one = count(client, path)
    for _ in range(9):
        kwargs = {role_of_persona: request.getfixturevalue(persona)} if role_of_persona else {}
        EnrolmentFactory(cohort=enrolment.cohort, **kwargs)
    ten = count(client, path)
    assert one == ten <= 18  # the learners' stored progress: three
