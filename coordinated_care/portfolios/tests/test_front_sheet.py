"""The front sheet: the PD's first page for each portfolio, for everyone who reads the portfolio."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import EVERYONE, PORTFOLIO_READERS, Access, check_access
from coordinated_care.accounts import responsibilities
from coordinated_care.accounts.models import Role
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory
from coordinated_care.programmes.services.adjustments import record_adjustment

pytestmark = pytest.mark.django_db


def _url(enrolment):
    return reverse("portfolios:front_sheet", args=[enrolment.uuid])


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_those_who_read_the_portfolio_see_its_front_sheet(persona, enrolment, request):
    check_access(request, persona, _url(enrolment), Access(readers=PORTFOLIO_READERS, get=PORTFOLIO_READERS))


def test_it_names_everyone_the_pd_asks_for(enrolment, learner, facilitator, supervisor, programme_lead, signed_in):
    responsibilities.acknowledge(facilitator, responsibilities.Responsibilities.FACILITATOR)
    page = signed_in(supervisor).get(_url(enrolment)).content.decode()
    for text in (
        learner.display_name,
        enrolment.practice.name,
        "Workplace supervisor/mentor",
        supervisor.display_name,
        "Learning Facilitator (LF)",
        programme_lead.display_name,
        facilitator.display_name,
        enrolment.cohort.programme.title,
        enrolment.cohort.name,
        f"{facilitator.display_name}: Acknowledged on {timezone.localdate():%-d %B %Y}",
        f"{learner.display_name}: Not acknowledged yet",
    ):
        assert text in page, text


def test_the_overview_links_to_it(enrolment, learner, signed_in):
    overview = signed_in(learner).get(reverse("portfolios:overview", args=[enrolment.uuid]))
    assert _url(enrolment) in overview.content.decode()


def test_those_who_see_adjustments_are_told_how_many_and_nobody_else_is(enrolment, learner, supervisor, signed_in):
    record_adjustment(enrolment, by=learner, adjustment="Extra time to write up case studies")
    assert "0 agreed, 1 waiting to be agreed" in signed_in(learner).get(_url(enrolment)).content.decode()
    assert "waiting to be agreed" not in signed_in(supervisor).get(_url(enrolment)).content.decode()


def test_it_costs_the_same_queries_however_many_leads_the_cohort_has(enrolment, learner, signed_in):
    client = signed_in(learner)
    client.get(_url(enrolment))
    with CaptureQueriesContext(connection) as one:
        client.get(_url(enrolment))
    for _ in range(3):
        enrolment.cohort.leads.add(RoleAssignmentFactory(role=Role.PROGRAMME_LEAD).user)
    record_adjustment(enrolment, by=learner, adjustment="Printed slides in a larger font")
    with CaptureQueriesContext(connection) as four:
        client.get(_url(enrolment))
    assert len(one) == len(four)
