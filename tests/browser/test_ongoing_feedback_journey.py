"""Issue 12, item 8: what a member of staff sent through a feedback link is in the learner's
"Ongoing feedback from staff in practice", with its date and time, for the learner and for their
facilitator, with no WCAG 2.2 AA violation; another learner is told the page does not exist."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.nonprod.demo_assessments import STAFF_FEEDBACK

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# "1 December 2026 at 3:05pm": the day and the time the demo's colleague answered.
DATE_AND_TIME = re.compile(r"\d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm)")


@pytest.mark.parametrize("email", ["learner@demo.test", "facilitator@demo.test"])
def test_staff_feedback_by_link_is_in_the_portfolios_ongoing_feedback(page, live_server, demo_data, email):
    # Given the demo learner, or their facilitator, on the learner's portfolio
    sign_in(page, live_server.url, email, DEMO_PASSWORD)
    if email.startswith("learner"):
        page.get_by_role("link", name="Open your portfolio").click()
    else:
        page.get_by_role("main").get_by_role("link", name="Alex Demo-Learner").first.click()
    main = page.get_by_role("main")
    staff_section = main.locator("li", has=page.get_by_role("link", name="Ongoing feedback from staff in practice"))

    # Then the overview counts the feedback that came by link
    expect(staff_section.first).to_contain_text("1 sent by a feedback link or on paper")
    assert_accessible(page)

    # When they open the section
    main.get_by_role("link", name="Ongoing feedback from staff in practice").click()

    # Then the colleague's role, their input and the date and time are there
    main = page.get_by_role("main")
    expect(main).not_to_contain_text("There is nothing here yet")
    expect(main).to_contain_text(STAFF_FEEDBACK["their_role"])
    expect(main).to_contain_text(STAFF_FEEDBACK["input"])
    expect(main).to_contain_text(DATE_AND_TIME)
    assert_accessible(page)
    url = page.url

    # And another learner is told it does not exist
    page.context.clear_cookies()
    sign_in(page, live_server.url, "learner2@demo.test", DEMO_PASSWORD)
    response = page.goto(url)
    assert response.status == 404
    expect(page.get_by_role("main")).not_to_contain_text(STAFF_FEEDBACK["input"])
