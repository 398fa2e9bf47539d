"""The organisation dashboard: an employer or commissioner sees the learners of their organisation
and everything under it, in counts by practice, PCN and ICB, where development needs cluster,
charts drawn as SVG with a table beside each, CSV and XLSX; never what a portfolio says."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from conftest import EVERYONE, Access, RoleAssignmentFactory, check_access
from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.tests.factories import OrganisationFactory
from coordinated_care.assessments.tests.helpers import sign_off
from coordinated_care.programmes.tests.factories import EnrolmentFactory
from coordinated_care.reports.dashboards import organisation as presenter

# The employer persona is an employer at the learner's PCN; the administrator sees every
# organisation. Everyone else is told the dashboard does not exist.
VIEWERS = Access(readers={"employer", "administrator"}, get=EVERYONE)


def dashboard(organisation):
    return f"/reports/organisations/{organisation.uuid}/"


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("suffix", ["", "progress.csv", "progress.xlsx"])
def test_only_employers_over_the_organisation_and_administrators_see_it(request, persona, suffix, progressed):
    check_access(request, persona, dashboard(progressed.practice.parent) + suffix, VIEWERS)


@pytest.mark.parametrize("suffix", ["", "progress.csv", "progress.xlsx"])
def test_an_employer_of_another_organisation_is_told_it_does_not_exist(signed_in, progressed, other_enrolment, suffix):
    elsewhere = RoleAssignmentFactory(role=Role.EMPLOYER, organisation=other_enrolment.practice).user
    client = signed_in(elsewhere)
    assert client.get(dashboard(progressed.practice) + suffix).status_code == 404
    assert client.get(dashboard(progressed.practice.parent) + suffix).status_code == 404
    # Nor may an employer at a PCN look up to the ICB above it.
    employer_here = RoleAssignmentFactory(role=Role.EMPLOYER, organisation=progressed.practice.parent).user
    assert signed_in(employer_here).get(dashboard(progressed.practice.parent.parent) + suffix).status_code == 404


def test_an_employer_counts_only_the_learners_under_their_organisation(progressed, other_enrolment):
    rows, by_kind, by_criterion, by_competency = presenter.organisation_facts(progressed.practice.parent)
    assert [row.enrolment for row in rows] == [progressed]
    assert [u.organisation for u in by_kind[Organisation.Kind.PRACTICE]] == [progressed.practice]
    assert [u.organisation for u in by_kind[Organisation.Kind.PCN]] == [progressed.practice.parent]
    assert [u.organisation for u in by_kind[Organisation.Kind.ICB]] == [progressed.practice.parent.parent]
    practice = by_kind[Organisation.Kind.PRACTICE][0]
    assert (practice.learners, practice.signed_off, practice.criteria, practice.development_needs) == (1, 1, 30, 1)
    assert practice.signed_off_percent == 3
    assert [(c.code, n) for c, n in by_criterion] == [("PC2", 1)]
    assert by_competency and all(n == 1 for _, n in by_competency)
    assert set(by_competency[0][0].criteria.values_list("code", flat=True)) >= {"PC2"}


def test_an_icb_sees_each_pcn_and_practice_under_it_and_totals_them(progressed, learner, facilitator):
    icb = progressed.practice.parent.parent
    second_pcn = Organisation.objects.create(name="Second PCN", kind=Organisation.Kind.PCN, parent=icb)
    second_practice = OrganisationFactory(name="Second Practice", parent=second_pcn)
    direct_practice = OrganisationFactory(name="Practice straight under the ICB", parent=icb)
    two = EnrolmentFactory(cohort=progressed.cohort, practice=second_practice)
    sign_off(two, two.learner, two.facilitator, "PC2", outcome="development_need")
    sign_off(two, two.learner, two.facilitator, "PC3", outcome="achieved")
    EnrolmentFactory(cohort=progressed.cohort, practice=direct_practice)
    EnrolmentFactory()  # somewhere else altogether
    rows, by_kind, by_criterion, _ = presenter.organisation_facts(icb)
    assert len(rows) == 3
    pcns = {u.organisation.name: (u.learners, u.signed_off, u.development_needs) for u in by_kind["pcn"]}
    assert pcns == {progressed.practice.parent.name: (1, 1, 1), "Second PCN": (1, 1, 1)}
    practices = {u.organisation.name: u.learners for u in by_kind["practice"]}
    assert practices == {"Test Practice": 1, "Second Practice": 1, "Practice straight under the ICB": 1}
    (icb_unit,) = by_kind["icb"]
    assert (icb_unit.learners, icb_unit.signed_off, icb_unit.development_needs, icb_unit.with_needs) == (3, 2, 2, 2)
    assert [(c.code, n) for c, n in by_criterion] == [("PC2", 2)]


def test_the_page_draws_each_chart_as_svg_with_a_title_and_a_table_beside_it(signed_in, progressed, employer):
    page = signed_in(employer).get(dashboard(progressed.practice.parent)).content.decode()
    assert page.count('<svg class="app-chart"') == 4  # by ICB, PCN and practice; development needs by competency
    assert page.count('role="img" aria-labelledby="chart-') == 4
    assert '<title id="chart-practice-title">Criteria signed off, by practice</title>' in page
    assert '<title id="chart-competencies-title">' in page
    assert page.count('<table class="nhsuk-table') >= 5
    assert "Test Learner" in page and "Other Learner" not in page
    assert "1 of 30" in page


def test_employers_never_see_what_a_portfolio_says(signed_in, progressed, employer):
    from coordinated_care.assessments.tests.helpers import CASE_STUDY

    client = signed_in(employer)
    texts = [
        client.get(dashboard(progressed.practice.parent) + s).content for s in ("", "progress.csv", "progress.xlsx")
    ]
    page = texts[0].decode()
    for text in (*CASE_STUDY.values(), "Three conversations.", "Clear, person-centred conversations"):
        assert text not in page and text not in texts[1].decode()
    sheets = load_workbook(io.BytesIO(texts[2]))
    cells = {str(c.value) for s in sheets.worksheets for row in s.iter_rows() for c in row}
    assert not any(text in cell for cell in cells for text in CASE_STUDY.values())
    assert f"/portfolio/{progressed.uuid}/" not in page


def test_the_csv_has_a_row_for_each_icb_pcn_and_practice(signed_in, progressed, employer):
    response = signed_in(employer).get(dashboard(progressed.practice.parent) + "progress.csv")
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0] == presenter.UNIT_HEAD
    by_level = {row[0]: row for row in table[1:]}
    assert set(by_level) == {"integrated care board (ICB)", "primary care network (PCN)", "practice"}
    practice = dict(zip(table[0], by_level["practice"], strict=True))
    assert practice["Organisation"] == "Test Practice"
    assert (practice["Learners"], practice["Criteria signed off"], practice["Development needs"]) == ("1", "1", "1")


def test_the_xlsx_has_the_figures_the_development_needs_and_the_staff(signed_in, progressed, employer):
    response = signed_in(employer).get(dashboard(progressed.practice.parent) + "progress.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["By organisation", "Development needs", "Staff"]
    staff = [[c.value for c in row] for row in book["Staff"].iter_rows()]
    assert staff[0] == presenter.STAFF_HEAD
    assert staff[1][:2] == ["Test Learner", "Test Practice"] and staff[1][5] == 1
    needs = [[c.value for c in row] for row in book["Development needs"].iter_rows()]
    assert needs[0] == presenter.CLUSTER_HEAD and len(needs) > 1 and all(row[2] == 1 for row in needs[1:])


def test_the_list_sends_an_employer_of_one_organisation_straight_to_it(signed_in, employer, progressed):
    response = signed_in(employer).get("/reports/organisations/")
    assert response.status_code == 302 and response["Location"] == dashboard(progressed.practice.parent)


def test_the_list_offers_each_organisation_of_an_employer_of_several(signed_in, employer, progressed, other_enrolment):
    RoleAssignmentFactory(role=Role.EMPLOYER, organisation=other_enrolment.practice, user=employer)
    page = signed_in(employer).get("/reports/organisations/").content.decode()
    assert dashboard(progressed.practice.parent) in page and dashboard(other_enrolment.practice) in page


@pytest.mark.parametrize("persona", ["learner", "facilitator", "programme_lead", "supervisor"])
def test_the_list_is_not_found_by_anyone_not_an_employer(signed_in, request, persona, progressed):
    assert signed_in(request.getfixturevalue(persona)).get("/reports/organisations/").status_code == 404


def test_the_dashboard_costs_the_same_queries_however_many_learners(signed_in, progressed, employer):
    client = signed_in(employer)
    path = dashboard(progressed.practice.parent)
    client.get(path)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    few = count()
    for _ in range(4):
        more = EnrolmentFactory(cohort=progressed.cohort, practice=progressed.practice)
        sign_off(more, more.learner, more.facilitator, "PC4", outcome="development_need")
    # The changed portfolios' progress is counted again once (the same queries however many),
    # then read from what is stored.
    assert count() <= few + 20
    assert count() == few


def test_the_employer_home_links_to_the_organisation_dashboard(signed_in, employer):
    assert 'href="/reports/organisations/"' in signed_in(employer).get("/employer/").content.decode()
