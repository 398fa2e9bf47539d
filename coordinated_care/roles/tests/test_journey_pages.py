"""In a real browser, on a phone: the pages of self-evaluation, training needs, the service
development checklist, a programme from a profile and curriculum coverage, each through axe
(WCAG 2.2 AA) and none scrolling sideways, used as the demo people would."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.roles.models import ChecklistEntry, Course, Rating
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


def test_a_coordinator_rates_themself_and_their_manager_reads_it(phone_page, live_server, demo_data):
    page = phone_page
    sign_in(page, live_server.url, "learner@demo.test", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/roles/my-roles/")
    check(page)
    page.get_by_role("link", name=re.compile("Rate yourself as")).click()
    check(page)
    page.get_by_label("The level I show in Interpersonal communication").select_option(label="Leading")
    page.get_by_role("button", name="Save my self-evaluation").click()
    expect(page.get_by_text("Your self-evaluation is saved.")).to_be_visible()
    assert Rating.objects.filter(
        shown=3, pick__item__code="COM.1", evaluation__holder__user__email="learner@demo.test"
    ).exists()

    page.context.clear_cookies()
    sign_in(page, live_server.url, "employer@demo.test", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/roles/needs/")
    check(page)
    page.get_by_role("link", name="Alex Demo-Learner").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alex Demo-Learner")
    check(page)
    page.get_by_label("Objectives agreed").fill("Shadow the pharmacist on two discharge reviews.")
    page.get_by_role("button", name="Agree the objectives").click()
    expect(page.get_by_text("Objectives agreed.")).to_be_visible()
    check(page)


def test_an_employer_works_through_a_service_checklist(phone_page, live_server, demo_data):
    page = phone_page
    sign_in(page, live_server.url, "employer@demo.test", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/roles/services/")
    check(page)
    page.get_by_role("button", name="Start the checklist").click()
    assert_error_summary_has_focus(page)
    check(page)
    page.get_by_label("Name of the service").fill("Frailty coordination")
    page.get_by_label("Demo Riverside Primary Care Network (primary care network)").check()
    page.get_by_role("button", name="Start the checklist").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Frailty coordination")
    check(page)
    page.get_by_role("link", name="Change item 2.2").click()
    check(page)
    page.get_by_label("In progress").check()
    page.get_by_label("Owner").fill("PCN clinical director")
    page.get_by_role("button", name="Save the item").click()
    expect(page.get_by_text("Item 2.2 saved.")).to_be_visible()
    assert ChecklistEntry.objects.get(code="2.2").status == "in_progress"
    check(page)


def test_a_programme_lead_maps_a_course_and_compares_it_with_a_role(phone_page, live_server, demo_data):
    page = phone_page
    sign_in(page, live_server.url, "lead@demo.test", DEMO_PASSWORD)
    page.get_by_role("link", name="Start a programme from a role profile").click()
    check(page)
    page.get_by_role("link", name="Curriculum coverage").click()
    check(page)
    page.get_by_label("Course title").fill("Navigation induction")
    page.get_by_role("button", name="Describe the course").click()
    check(page)
    page.get_by_label("Session title").fill("Local services")
    page.get_by_label(re.compile("COM.5 Link to community resources")).check()
    page.get_by_role("button", name="Add the session").click()
    expect(page.get_by_text("Session added.")).to_be_visible()
    check(page)
    page.get_by_role("link", name="See what the course covers").click()
    page.get_by_label("Compare with a role profile").select_option(index=1)
    page.get_by_role("button", name="Show the coverage").click()
    expect(page.get_by_text(re.compile("of its picks not covered"))).to_be_visible()
    check(page)
    assert Course.objects.get().sessions.count() == 1
