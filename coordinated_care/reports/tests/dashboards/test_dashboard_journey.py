"""In a real browser: the demo programme lead opens the cohort's dashboard from the cohort page,
marks attendance for a workshop, and downloads the cohort as XLSX; the demo employer opens the
organisation dashboard from their home; the demo learner opens their progress over time. On a
phone and on a desktop; every page passes the WCAG 2.2 AA checks, and the wide tables scroll
inside their own region instead of the page."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Attendance, Cohort
from tests.browser.helpers import assert_accessible, assert_no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("device", ["phone_page", "page"])
def test_the_programme_lead_marks_attendance_and_downloads_the_cohort(device, request, live_server, demo_data):
    page = request.getfixturevalue(device)
    cohort = Cohort.objects.get(name="Demo Valley cohort")
    # Given the demo lead on their cohort's page
    sign_in(page, live_server.url, "lead@demo.test", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/cohorts/{cohort.uuid}/")

    # When they open its dashboard
    page.get_by_role("link", name=re.compile("^Dashboard: every learner")).click()

    # Then every learner is there with their criteria, documents and pace
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dashboard: Demo Valley cohort")
    expect(page.get_by_role("link", name="Alex Demo-Learner")).to_be_visible()
    expect(page.get_by_role("region", name=re.compile("Each learner's criteria"))).to_be_visible()
    check(page)

    # When they mark the register of WS1
    page.get_by_role("link", name=re.compile(r"^Mark attendance\s+at WS1$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attendance at WS1")
    check(page)
    page.get_by_role("group", name="Alex Demo-Learner").get_by_label("Attended").check()
    page.get_by_role("group", name="Kim Demo-Learner").get_by_label("Sent apologies").check()
    page.get_by_role("button", name="Save attendance").click()

    # Then they are back on the dashboard, which counts the marks
    expect(page.get_by_text("Attendance at WS1 is saved: 2 marks changed.")).to_be_visible()
    check(page)
    marks = dict(
        Attendance.objects.filter(workshop__cohort=cohort, workshop__number=1).values_list(
            "enrolment__learner__email", "mark"
        )
    )
    assert marks == {"learner@demo.test": "attended", "learner2@demo.test": "apologies"}

    # When they download the cohort as a spreadsheet
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these learners as a spreadsheet (XLSX)").click()

    # Then it holds a row a learner, with the workshop's marks
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    head = rows[0]
    by_learner = {row[0]: dict(zip(head, row, strict=True)) for row in rows[1:]}
    assert set(by_learner) == {"Alex Demo-Learner", "Kim Demo-Learner"}
    assert by_learner["Alex Demo-Learner"]["WS1"] == "Attended"
    assert by_learner["Kim Demo-Learner"]["WS1"] == "Sent apologies"


@pytest.mark.parametrize("device", ["phone_page", "page"])
def test_the_employer_opens_the_organisation_dashboard(device, request, live_server, demo_data):
    page = request.getfixturevalue(device)
    sign_in(page, live_server.url, "employer@demo.test", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/employer/$"))
    page.get_by_role("link", name="Progress across your organisations").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Progress across Demo Riverside Primary Care Network")
    expect(page.get_by_role("img", name=re.compile("Criteria signed off, by practice"))).to_be_visible()
    expect(page.get_by_role("cell", name="Demo Riverside Surgery").first).to_be_visible()
    expect(page.get_by_text("Alex Demo-Learner")).to_be_visible()
    check(page)


def test_the_learner_opens_their_progress_over_time_on_a_phone(phone_page, live_server, demo_data):
    page = phone_page
    sign_in(page, live_server.url, "learner@demo.test", DEMO_PASSWORD)
    page.get_by_role("link", name="Your progress over time").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your progress over time")
    expect(page.get_by_role("img", name=re.compile("against the expected pace"))).to_be_visible()
    check(page)
