"""In a real browser: the demo programme lead adapts one learner's schedule (moves a workshop, marks
another not applicable, with reasons) and the learner sees it on their phone; then the lead changes
the programme, a new version appears, the cohort stays on its version until moved, and the move
shows what changes first. Every page passes the WCAG 2.2 AA checks and none scrolls sideways; an
outsider is refused."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Cohort, Enrolment, Programme
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


def opened(new_page, **kwargs):
    """A fresh page; its first page loads while the templates compile, so it may take longer."""
    page = new_page(**kwargs)
    page.set_default_navigation_timeout(30_000)
    return page


def test_a_lead_adapts_a_learners_schedule_and_the_learner_sees_it(new_page, live_server, demo_data):
    enrolment = Enrolment.objects.select_related("cohort").get(learner__email="learner@demo.test")
    ws4 = enrolment.cohort.workshops.get(number=4)
    page = opened(new_page)
    sign_in(page, live_server.url, "lead@demo.test", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/cohorts/{enrolment.cohort.uuid}/")
    # Each learner's row links to their schedule (the row names whose it is)
    page.get_by_role("row").filter(has_text="Alex Demo-Learner").get_by_role("link", name="Their schedule").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Alex Demo-Learner's learning and development schedule"
    )
    check(page)

    # WS4 moves for Alex alone, a week later
    page.get_by_role("link", name=re.compile(r"^Change WS4")).click()
    check(page)
    page.get_by_label("Moved to another date").check()
    page.get_by_role("button", name="Save the change").click()
    assert_error_summary_has_focus(page)  # no date and no reason yet
    check(page)
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill(str(ws4.date.year + 1))
    page.get_by_label("Reason").fill("Starts a new job that week")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text(f"WS4 is now on 3 March {ws4.date.year + 1} for Alex Demo-Learner.")).to_be_visible()

    # WS5 is not applicable to Alex
    page.get_by_role("link", name=re.compile(r"^Change WS5")).click()
    page.get_by_label("Not applicable").check()
    page.get_by_label("Reason").fill("Covered by earlier training")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("WS5 is marked not applicable for Alex Demo-Learner.")).to_be_visible()
    expect(page.get_by_text("Not applicable: Covered by earlier training")).to_be_visible()
    check(page)

    # The learner sees their own schedule on their phone
    phone = opened(new_page, phone=True)
    sign_in(phone, live_server.url, "learner@demo.test", DEMO_PASSWORD)
    phone.goto(f"{live_server.url}/portfolio/{enrolment.uuid}/workshops/")
    expect(phone.get_by_text("Reason: Starts a new job that week")).to_be_visible()
    expect(phone.get_by_text(f"3 March {ws4.date.year + 1}", exact=False).first).to_be_visible()
    expect(phone.get_by_text("Not applicable to you")).to_be_visible()
    expect(phone.get_by_text("Reason: Covered by earlier training")).to_be_visible()
    check(phone)

    # And the learner may not change it: they are told it does not exist
    response = phone.goto(f"{live_server.url}/schedule/{enrolment.uuid}/")
    assert response.status == 404


def test_a_lead_changes_the_programme_in_a_new_version_and_moves_a_cohort(new_page, live_server, demo_data):
    cohort = Cohort.objects.select_related("programme").get(name="Demo Valley cohort")
    v1 = cohort.programme
    page = opened(new_page)
    sign_in(page, live_server.url, "lead@demo.test", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/programmes/{v1.slug}/")
    page.get_by_role("link", name="Versions of this programme, and changing it").click()
    check(page)
    page.get_by_role("button", name="Change this programme in a new version").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draft version 2")
    check(page)

    # A criterion's wording changes and a workshop is added to the plan
    page.get_by_role("link", name="Change PC1").click()
    check(page)
    page.get_by_label("Wording").fill("Works with people to find what matters to them, and records it.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a workshop to the plan").click()
    page.get_by_label("Theme").fill("Looking back and looking ahead")
    page.get_by_label("Weeks after the start").fill("26")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("What changes from version 1")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Publish version 2").click()
    expect(page.get_by_text("Version 2 is published.")).to_be_visible()
    check(page)

    # The cohorts stay on version 1 until the lead moves them, seeing what changes first
    hill = Cohort.objects.get(name="Demo Hill cohort")
    cohort.refresh_from_db()
    hill.refresh_from_db()
    assert cohort.programme_id == v1.pk and hill.programme_id == v1.pk
    page.goto(f"{live_server.url}/cohorts/{hill.uuid}/")
    check(page)
    page.get_by_role("link", name="See what changes and move the cohort").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Move to version 2")
    expect(page.get_by_text("WS13: Looking back and looking ahead", exact=False)).to_be_visible()
    expect(page.get_by_text("Wording is: Works with people to find what matters to them")).to_be_visible()
    check(page)
    hill.refresh_from_db()
    assert hill.programme_id == v1.pk  # seeing what changes moves nothing
    page.get_by_role("button", name="Move the cohort to version 2").click()
    expect(page.get_by_text("Demo Hill cohort is now on version 2")).to_be_visible()
    expect(page.get_by_role("rowheader", name="WS13")).to_be_visible()
    hill.refresh_from_db()
    assert hill.programme.version == 2

    # The demo's first cohort, where sign-off has begun, stays on version 1, and the page says why
    page.goto(f"{live_server.url}/cohorts/{cohort.uuid}/version/")
    expect(page.get_by_text("The cohort cannot move")).to_be_visible()
    check(page)
    cohort.refresh_from_db()
    assert cohort.programme_id == v1.pk
    assert Programme.objects.filter(lineage=v1.lineage).count() == 2

    # An outsider (the demo facilitator) is told the version pages do not exist
    other = opened(new_page)
    sign_in(other, live_server.url, "facilitator@demo.test", DEMO_PASSWORD)
    assert other.goto(f"{live_server.url}/programmes/{v1.slug}/versions/").status == 404
    assert other.goto(f"{live_server.url}/cohorts/{cohort.uuid}/version/").status == 404
