"""The learner's own picture over time: criteria signed off by the end of each month against the
programme's pace, an SVG chart with its table; for whoever may read the portfolio."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import EVERYONE, PORTFOLIO_READERS, Access, RoleAssignmentFactory, check_access
from coordinated_care.accounts.models import Role
from coordinated_care.assessments.tests.helpers import ask, decide, sign_off
from coordinated_care.reports.dashboards.learner import progress_page

from .conftest import started_months_ago

READERS = Access(readers=PORTFOLIO_READERS, get=EVERYONE)


def over_time(enrolment):
    return f"/reports/progress/{enrolment.uuid}/"


@pytest.mark.parametrize("persona", EVERYONE)
def test_whoever_may_read_the_portfolio_sees_it_and_nobody_else(request, persona, progressed):
    check_access(request, persona, over_time(progressed), READERS)


def test_an_employer_elsewhere_is_told_it_does_not_exist(signed_in, progressed):
    assert signed_in(RoleAssignmentFactory(role=Role.EMPLOYER).user).get(over_time(progressed)).status_code == 404


def test_each_month_shows_what_was_signed_off_by_its_end_against_the_pace(enrolment, learner, facilitator):
    start = started_months_ago(enrolment, 3)  # month 4 of 6
    # PC1 was achieved in the second month, PC2 today; PC3 is a development need, not signed off.
    decide(ask(enrolment, learner, "PC1"), facilitator, achieved_on=start + datetime.timedelta(days=40))
    sign_off(enrolment, learner, facilitator, "PC2")
    sign_off(enrolment, learner, facilitator, "PC3", outcome="development_need")
    context = progress_page(enrolment, learner)
    table = [(r["month"], r["expected"], r["signed_off"]) for r in context["rows"]]
    assert table == [(1, 0, 0), (2, 6, 1), (3, 12, 1), (4, 18, 2), (5, 24, None), (6, 30, None)]
    assert (context["pace"].month, context["pace"].signed_off, context["pace"].expected) == (4, 2, 12)
    assert context["pace"].behind


def test_the_page_draws_the_chart_with_a_title_and_the_table(signed_in, progressed, learner):
    page = signed_in(learner).get(over_time(progressed)).content.decode()
    assert "Your progress over time" in page
    assert '<svg class="app-chart" role="img" aria-labelledby="chart-over-time-title chart-over-time-desc"' in page
    assert '<title id="chart-over-time-title">' in page
    assert page.count("<polyline") == 2
    assert "Criteria signed off by the end of each month" in page  # the table's caption
    assert "You are in month 1 of 6" in page and "1 of 30 criteria signed off, 0 expected by now" in page


def test_a_facilitator_reads_it_in_the_learners_name(signed_in, progressed, facilitator):
    page = signed_in(facilitator).get(over_time(progressed)).content.decode()
    assert "Progress over time: Test Learner" in page


def test_it_costs_the_same_queries_however_many_sign_offs(signed_in, enrolment, learner, facilitator):
    client = signed_in(learner)
    client.get(over_time(enrolment))

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(over_time(enrolment)).status_code == 200
        return len(captured)

    none = count()
    for code in ("PC1", "PC2", "PC3"):
        sign_off(enrolment, learner, facilitator, code)
    assert count() == none <= 10


def test_the_learner_home_links_to_it(signed_in, enrolment, learner):
    assert f'href="{over_time(enrolment)}"' in signed_in(learner).get("/learner/").content.decode()
