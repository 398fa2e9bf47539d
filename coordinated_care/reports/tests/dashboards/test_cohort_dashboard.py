"""The cohort dashboard: the cohort's leads see each learner's criteria, documents, attendance and
pace, filtered by PCN and practice, a page at a time, and download the same as CSV and XLSX."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from conftest import EVERYONE, Access, RoleAssignmentFactory, check_access
from coordinated_care.accounts.models import Role
from coordinated_care.programmes.models import Attendance
from coordinated_care.programmes.services.attendance import mark_attendance
from coordinated_care.programmes.tests.factories import EnrolmentFactory
from coordinated_care.reports.dashboards import cohort as presenter

from .conftest import started_months_ago

LEADS_ONLY = Access(readers={"programme_lead"}, get=EVERYONE)


def dashboard(enrolment):
    return f"/reports/cohorts/{enrolment.cohort.uuid}/"


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("suffix", ["", "learners.csv", "learners.xlsx"])
def test_only_the_cohorts_leads_see_its_dashboard_and_downloads(request, persona, suffix, progressed):
    check_access(request, persona, dashboard(progressed) + suffix, LEADS_ONLY)


@pytest.mark.parametrize("suffix", ["", "learners.csv", "learners.xlsx"])
def test_a_programme_lead_of_another_cohort_and_an_employer_elsewhere_are_told_it_does_not_exist(
    signed_in, progressed, suffix
):
    other_lead = RoleAssignmentFactory(role=Role.PROGRAMME_LEAD).user
    other_employer = RoleAssignmentFactory(role=Role.EMPLOYER).user
    for outsider in (other_lead, other_employer):
        assert signed_in(outsider).get(dashboard(progressed) + suffix).status_code == 404


def test_each_learners_criteria_show_signed_off_development_need_evidence_or_nothing(
    progressed, other_enrolment, programme_lead
):
    context = presenter.dashboard_page(progressed.cohort, {})
    codes = [criterion.code for criterion in context["criteria"]]
    rows = {row.enrolment.pk: dict(zip(codes, row.criteria, strict=True)) for row in context["rows"]}
    mine = rows[progressed.pk]
    assert (mine["PC1"], mine["PC2"], mine["PC3"], mine["PC4"]) == (
        "signed_off",
        "development_need",
        "evidence",
        "nothing",
    )
    assert list(mine.values()).count("nothing") == len(codes) - 3
    assert set(rows[other_enrolment.pk].values()) == {"nothing"}
    row = next(r for r in context["rows"] if r.enrolment.pk == progressed.pk)
    assert (row.signed_off, row.development_needs, row.with_evidence) == (1, 1, 3)


def test_the_page_shows_the_grid_documents_workshops_and_download_links(signed_in, progressed, programme_lead):
    page = signed_in(programme_lead).get(dashboard(progressed)).content.decode()
    assert "Test Learner" in page and "Other Learner" in page
    assert '<abbr title="' in page and ">PC1</abbr>" in page
    assert page.count('<span role="img" aria-label="Signed off">') == 1
    assert page.count('<span role="img" aria-label="Development need">') == 1
    assert page.count('<span role="img" aria-label="Evidence">') == 1
    assert "Key values of person-centred care worksheet" in page
    assert f"/reports/cohorts/{progressed.cohort.uuid}/workshops/1/attendance/" in page
    assert f"/reports/cohorts/{progressed.cohort.uuid}/learners.xlsx" in page
    assert '<div class="nhsuk-scroll__content" role="region"' in page  # the wide tables scroll on a phone


def test_who_is_behind_the_pace_is_named_and_a_learner_just_enrolled_is_not(signed_in, progressed, programme_lead):
    client = signed_in(programme_lead)
    assert "Behind the expected pace" not in client.get(dashboard(progressed)).content.decode()
    started_months_ago(progressed, 3)  # month 4: 12 of 30 expected, 1 signed off
    page = client.get(dashboard(progressed)).content.decode()
    assert "Behind the expected pace" in page
    assert "Test Learner: 1 of 30 criteria signed off, 12 expected in month 4" in page
    assert "Other Learner: 0 of 30 criteria signed off, 12 expected in month 4" in page


def test_filters_keep_the_learners_of_one_pcn_or_one_practice(signed_in, progressed, other_enrolment, programme_lead):
    client = signed_in(programme_lead)
    pcn = progressed.practice.parent
    by_pcn = client.get(dashboard(progressed), {"pcn": str(pcn.uuid)}).content.decode()
    assert "Test Learner" in by_pcn and "Other Learner" not in by_pcn
    by_practice = client.get(dashboard(progressed), {"practice": str(other_enrolment.practice.uuid)}).content.decode()
    assert "Other Learner" in by_practice and "Test Learner" not in by_practice
    assert f"learners.csv?practice={other_enrolment.practice.uuid}" in by_practice
    # A PCN given as the practice, or an organisation of no learner of the cohort, is ignored.
    for junk in (
        {"practice": str(pcn.uuid)},
        {"pcn": "not-a-uuid"},
        {"practice": str(progressed.cohort.training_provider.uuid)},
    ):
        page = client.get(dashboard(progressed), junk).content.decode()
        assert "Test Learner" in page and "Other Learner" in page


def test_learners_come_fifty_a_page_keeping_the_filters(signed_in, progressed, programme_lead, monkeypatch):
    monkeypatch.setattr(presenter, "LEARNERS_PER_PAGE", 1)
    client = signed_in(programme_lead)
    first = client.get(dashboard(progressed)).content.decode()
    assert "Showing 1 to 1 of 2 learners" in first and "?page=2#learners" in first
    second = client.get(dashboard(progressed), {"page": "2"}).content.decode()
    assert "Showing 2 to 2 of 2 learners" in second
    assert "Other Learner" in first and "Test Learner" in second  # by name: Other before Test


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_dashboard_costs_the_same_queries_however_many_learners(signed_in, progressed, programme_lead):
    client = signed_in(programme_lead)
    path = dashboard(progressed)
    queries(client, path)  # the first request after signing in also saves the session
    few = (queries(client, path), queries(client, path + "learners.csv"))
    for _ in range(8):
        more = EnrolmentFactory(cohort=progressed.cohort)
        mark_attendance(workshop=progressed.cohort.workshops.first(), user=programme_lead, marks={more.pk: "attended"})
    changed = queries(client, path)  # the new learners' progress is counted once, then kept
    many = (queries(client, path), queries(client, path + "learners.csv"))
    assert few == many
    assert many[0] <= 12, many  # the progress facts come with the learners; their criteria and documents
    # Counting the changed portfolios again costs the same queries however many changed.
    assert changed <= many[0] + 20, changed


def test_the_csv_holds_a_row_a_learner_with_every_criterion_document_and_workshop(
    signed_in, progressed, programme_lead
):
    workshop = progressed.cohort.workshops.get(number=1)
    mark_attendance(workshop=workshop, user=programme_lead, marks={progressed.pk: Attendance.Mark.ATTENDED})
    response = signed_in(programme_lead).get(dashboard(progressed) + "learners.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.content.decode())))
    head, rows = table[0], {row[0]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    assert len(head) == 11 + 30 + 7 + 12
    assert set(rows) == {"Test Learner", "Other Learner"}
    mine = rows["Test Learner"]
    assert mine["Practice"] == "Test Practice" and mine["PCN"] == progressed.practice.parent.name
    assert (mine["Criteria signed off"], mine["Development needs"], mine["Criteria with evidence"]) == ("1", "1", "3")
    pc1 = next(h for h in head if h.startswith("PC1 "))
    pc2 = next(h for h in head if h.startswith("PC2 "))
    assert (mine[pc1], mine[pc2]) == ("Signed off", "Development need")
    assert mine["WS1"] == "Attended" and mine["WS2"] == "Not marked"
    assert rows["Other Learner"]["WS1"] == "Not marked"


def test_the_xlsx_holds_the_same_table_and_names_are_never_run_as_formulas(signed_in, progressed, programme_lead):
    progressed.learner.full_name = "=HYPERLINK(1)"
    progressed.learner.save(update_fields=["full_name"])
    response = signed_in(programme_lead).get(dashboard(progressed) + "learners.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Learner", "Practice", "PCN"]
    names = {row[0] for row in values[1:]}
    assert names == {"'=HYPERLINK(1)", "Other Learner"}
    mine = next(row for row in values[1:] if row[0] == "'=HYPERLINK(1)")
    assert mine[5] == 1  # criteria signed off, a number in the sheet


def test_the_csv_keeps_to_the_filters(signed_in, progressed, other_enrolment, programme_lead):
    response = signed_in(programme_lead).get(
        dashboard(progressed) + "learners.csv", {"practice": str(other_enrolment.practice.uuid)}
    )
    names = [row[0] for row in csv.reader(io.StringIO(response.content.decode()))][1:]
    assert names == ["Other Learner"]


def test_the_cohort_page_links_to_its_dashboard(signed_in, progressed, programme_lead):
    page = signed_in(programme_lead).get(f"/cohorts/{progressed.cohort.uuid}/").content.decode()
    assert re.search(rf'href="{dashboard(progressed)}"', page)


def test_each_workshop_shows_how_many_were_marked_and_attended(progressed, other_enrolment, programme_lead):
    workshop = progressed.cohort.workshops.get(number=2)
    mark_attendance(
        workshop=workshop,
        user=programme_lead,
        marks={progressed.pk: Attendance.Mark.ATTENDED, other_enrolment.pk: Attendance.Mark.ABSENT},
    )
    rows = {row["workshop"].number: row for row in presenter.dashboard_page(progressed.cohort, {})["workshops"]}
    assert (rows[2]["marked"], rows[2]["attended"]) == (2, 1)
    assert (rows[1]["marked"], rows[1]["attended"]) == (0, 0)
    learners = {row.enrolment.pk: row.attended for row in presenter.dashboard_page(progressed.cohort, {})["rows"]}
    assert learners == {progressed.pk: 1, other_enrolment.pk: 0}
