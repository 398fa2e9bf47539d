"""In a real browser, on a phone: the demo facilitator adds a catch-up workshop to their learner's
schedule alone, then removes it after the confirmation page; the learner's portfolio no longer
lists it, and the cohort's own workshops offer no removal. Every page passes the WCAG 2.2 AA checks
and none scrolls sideways."""

import datetime

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Enrolment, ScheduleChange
from tests.browser.helpers import assert_accessible, assert_no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THEME = "Catch-up on shared decision making"


def check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_a_facilitator_adds_then_removes_a_workshop_for_their_learner_alone(new_page, live_server, demo_data):
    enrolment = Enrolment.objects.get(learner__email="learner@demo.test")
    day = enrolment.cohort.workshops.get(number=1).date + datetime.timedelta(days=2)
    page = new_page(phone=True)
    page.set_default_navigation_timeout(30_000)
    sign_in(page, live_server.url, "facilitator@demo.test", DEMO_PASSWORD)

    # Given a workshop the facilitator added for Alex alone
    page.goto(f"{live_server.url}/schedule/{enrolment.uuid}/add/")
    page.get_by_label("Theme").fill(THEME)
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Reason").fill("Missed the first workshop through illness")
    page.get_by_role("button", name="Add the workshop").click()
    expect(page.get_by_text(f"{THEME} is added to Alex Demo-Learner's schedule.")).to_be_visible()
    main = page.get_by_role("main")
    # Then it may be removed, and the cohort's workshops only changed
    expect(main.get_by_role("link", name=f"Remove {THEME} from this learner's schedule")).to_have_count(1)
    expect(main.get_by_role("link", name="Remove WS1", exact=False)).to_have_count(0)
    check(page)

    # When they remove it, after the confirmation page
    main.get_by_role("link", name=f"Remove {THEME} from this learner's schedule").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Remove {THEME} from this learner's schedule")
    expect(page.get_by_role("main")).to_contain_text("Missed the first workshop through illness")
    check(page)
    page.get_by_role("button", name="Remove the workshop").click()

    # Then it is gone from the schedule and from the learner's portfolio
    expect(page.get_by_text(f"{THEME} is removed from Alex Demo-Learner's schedule.")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("table")).not_to_contain_text(THEME)
    check(page)
    assert not ScheduleChange.objects.filter(enrolment=enrolment, theme=THEME).exists()
    learner = new_page(phone=True)
    learner.set_default_navigation_timeout(30_000)
    sign_in(learner, live_server.url, "learner@demo.test", DEMO_PASSWORD)
    learner.goto(f"{live_server.url}/portfolio/{enrolment.uuid}/workshops/")
    expect(learner.get_by_role("main")).not_to_contain_text(THEME)
