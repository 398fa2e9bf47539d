"""In a browser: a learner changes their reminders, signed in, and then through the link in an
e-mail without signing in; each page passes axe (WCAG 2.2 AA), on a phone too."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from coordinated_care.reminders import choices
from coordinated_care.reminders.models import Frequency, Kind
from tests.browser.helpers import assert_accessible, assert_error_summary_has_focus, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_learner_changes_their_reminders_signed_in(page, live_server, learner):
    sign_in(page, live_server.url, learner.email, PASSWORD)
    page.get_by_role("link", name="Reminders by e-mail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders by e-mail")
    assert_accessible(page)
    page.get_by_role("group", name="Actions past their date").get_by_label("Once a month").check()
    page.get_by_role("group", name="A workshop in the coming week").get_by_label("Never").check()
    page.get_by_role("button", name="Save your choices").click()
    expect(page.get_by_text("Your choice of reminders is saved")).to_be_visible()
    assert_accessible(page)
    chosen = choices.choices_of(learner)
    assert chosen[Kind.OVERDUE_ACTIONS] == Frequency.MONTHLY and chosen[Kind.WORKSHOP_SOON] == Frequency.NEVER
    expect(page.get_by_role("group", name="Actions past their date").get_by_label("Once a month")).to_be_checked()


def test_a_choice_left_out_is_explained_and_focused(page, live_server, learner):
    sign_in(page, live_server.url, learner.email, PASSWORD)
    page.goto(f"{live_server.url}/reminders/")
    # Take the choice away from the page, as a broken form would post it.
    page.evaluate("document.querySelectorAll('input[name=overdue_actions]').forEach(i => i.remove())")
    page.get_by_role("button", name="Save your choices").click()
    assert_error_summary_has_focus(page)
    assert_accessible(page)


def test_the_link_in_an_email_stops_every_reminder_without_signing_in(phone_page, live_server, learner):
    page = phone_page
    url = f"{live_server.url}/reminders/link/{choices.link_token(learner)}/"
    page.goto(url)
    expect(page.get_by_text("These are the reminders for Test Learner")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Stop all reminders").click()
    expect(page.get_by_text("You will get no more reminders")).to_be_visible()
    assert_accessible(page)
    assert set(choices.choices_of(learner).values()) == {Frequency.NEVER}
