"""In a real browser, on a phone: the demo programme lead sets up a cohort, makes a mistake and is
told plainly, enrols a learner and moves a workshop; the demo facilitator finds their learner.
Every page passes the WCAG 2.2 AA checks and none scrolls sideways."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Cohort, Enrolment
from tests.browser.helpers import (
    assert_accessible,
    assert_error_summary_has_focus,
    assert_no_horizontal_scroll,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_a_programme_lead_runs_a_cohort_on_a_phone(phone_page, live_server, demo_data):
    page = phone_page
    # Given the demo lead, signed in on their home page
    sign_in(page, live_server.url, "lead@demo.test", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/programme-lead/$"))
    expect(page.get_by_role("link", name="Demo Valley cohort")).to_be_visible()
    check(page)

    # When they set up a cohort and leave the start date half done
    page.get_by_role("link", name="Set up a cohort").first.click()
    check(page)
    page.get_by_label("Care Coordination (Primary Care)").check()
    page.get_by_label("Cohort name").fill("Phone cohort")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Year").fill("2027")
    page.get_by_label("Demo Valley Training Hub").check()
    page.get_by_role("button", name="Set up the cohort").click()

    # Then they are told plainly what is missing, and what they typed is kept
    assert_error_summary_has_focus(page)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Start date must include a month")
    expect(page.get_by_label("Year")).to_have_value("2027")
    check(page)

    # When they finish the date
    page.get_by_label("Month").fill("8")
    page.get_by_role("button", name="Set up the cohort").click()

    # Then the cohort's page shows its twelve workshops, dated from the plan
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phone cohort")
    expect(page.get_by_text("Phone cohort is set up, with its 12 workshops dated from the plan.")).to_be_visible()
    expect(page.get_by_role("cell", name="2 August 2027")).to_be_visible()
    expect(page.get_by_role("cell", name="16 August 2027")).to_be_visible()  # WS2, two weeks on
    check(page)

    # When they enrol a new learner
    page.get_by_role("button", name="Enrol a learner").click()
    check(page)
    page.get_by_label("Learner's e-mail address").fill("phone.learner@demo.test")
    page.get_by_label("Learner's full name").fill("Phone Learner")
    page.get_by_label("Their practice").select_option(label="Demo Riverside Surgery")
    page.get_by_label("Practice-based facilitator").select_option(label="Sam Demo-Facilitator (facilitator@demo.test)")
    page.get_by_role("button", name="Enrol the learner").click()

    # Then the learner is on the cohort with their facilitator
    expect(page.get_by_text("Phone Learner is enrolled on Phone cohort.")).to_be_visible()
    expect(page.get_by_role("link", name="Phone Learner", exact=True)).to_be_visible()
    check(page)

    # When they move WS3
    page.get_by_role("link", name="Change WS3").click()
    page.get_by_label("Day").fill("20")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2027")
    page.get_by_label("Location").fill("Valley Hub, room 2")
    page.get_by_role("button", name="Save the workshop").click()

    # Then the cohort page shows the new date and place
    expect(page.get_by_text("WS3 is now on 20 September 2027.")).to_be_visible()
    expect(page.get_by_text("Valley Hub, room 2")).to_be_visible()
    cohort = Cohort.objects.get(name="Phone cohort")
    assert Enrolment.objects.filter(cohort=cohort, learner__email="phone.learner@demo.test").exists()


def test_the_facilitator_finds_their_learner_and_reads_the_programme_on_a_phone(phone_page, live_server, demo_data):
    page = phone_page
    sign_in(page, live_server.url, "facilitator@demo.test", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/facilitator/$"))
    expect(page.get_by_role("link", name="Alex Demo-Learner")).to_be_visible()
    expect(page.get_by_text("Kim Demo-Learner")).to_have_count(0)
    check(page)

    page.goto(f"{live_server.url}/programmes/care-coordination-primary-care/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Care Coordination (Primary Care)")
    check(page)


@pytest.mark.parametrize("device", ["phone_page", "page"])
def test_a_programme_lead_pages_through_a_large_cohort(device, request, live_server, demo_data, monkeypatch):
    from coordinated_care.programmes.presenters import cohorts
    from coordinated_care.programmes.tests.factories import EnrolmentFactory

    monkeypatch.setattr(cohorts, "LEARNERS_PER_PAGE", 1)  # a page of learners each, so a few make many pages
    page = request.getfixturevalue(device)
    cohort = Cohort.objects.get(name="Demo Valley cohort")
    for _ in range(6):
        EnrolmentFactory(cohort=cohort)
    total = cohort.enrolments.count()
    sign_in(page, live_server.url, "lead@demo.test", DEMO_PASSWORD)

    # The first, a middle and (for a page past the end) the last page of learners
    for query, first in (("", 1), ("?page=4", 4), ("?page=99", total)):
        page.goto(f"{live_server.url}/cohorts/{cohort.uuid}/{query}")
        expect(page.get_by_text(f"Showing {first} to {first} of {total} learners")).to_be_visible()
        check(page)

    # On to the next page; on a desktop, straight to a page by its number (a phone shows only the
    # first, current and last numbers)
    page.goto(f"{live_server.url}/cohorts/{cohort.uuid}/?page=2")
    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text(f"Showing 3 to 3 of {total} learners")).to_be_visible()
    if device == "page":
        page.get_by_role("link", name="Page 4").click()
        expect(page.get_by_text(f"Showing 4 to 4 of {total} learners")).to_be_visible()
