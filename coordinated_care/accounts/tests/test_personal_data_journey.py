"""In a real browser: the demo learner finds "Download your data" in the footer and downloads it as
JSON and as a PDF; the demo administrator erases the second demo learner, after being told plainly
what was missing. Every page passes the WCAG 2.2 AA checks."""

import json
import re

import pytest
from playwright.sync_api import expect

from coordinated_care.accounts.models import User
from coordinated_care.nonprod.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, assert_error_summary_has_focus, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_learner_downloads_their_data_and_an_administrator_erases_a_person(page, live_server, demo_data):
    # Given the demo learner, signed in
    sign_in(page, live_server.url, "learner@demo.test", DEMO_PASSWORD)
    # When they follow "Download your data" from the footer
    page.get_by_role("link", name="Download your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download your data")
    assert_accessible(page)
    # Then both downloads hold their own data
    with page.expect_download() as as_json:
        page.get_by_role("link", name="Download your data as JSON").click()
    document = json.loads(open(as_json.value.path()).read())
    assert document["person"] == "Alex Demo-Learner"
    with page.expect_download() as as_pdf:
        page.get_by_role("link", name="Download your data as a PDF").click()
    assert open(as_pdf.value.path(), "rb").read(4) == b"%PDF"
    page.goto(f"{live_server.url}/accounts/logout/")
    page.get_by_role("button", name=re.compile("Sign out")).click()

    # Given the demo administrator on the erasure page, reached from their home
    sign_in(page, live_server.url, "admin@demo.test", DEMO_PASSWORD)
    page.get_by_role("link", name="Erase a person's data").click()
    assert_accessible(page)
    # When they forget to confirm
    page.get_by_label("Their e-mail address").fill("learner2@demo.test")
    page.get_by_role("button", name="Erase their data").click()
    # Then they are told, and what they typed is kept
    assert_error_summary_has_focus(page)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Confirm that the law lets us erase")
    expect(page.get_by_label("Their e-mail address")).to_have_value("learner2@demo.test")
    assert_accessible(page)
    # When they confirm
    page.get_by_label(re.compile("I have checked that the law lets us erase")).check()
    page.get_by_role("button", name="Erase their data").click()
    # Then the person is erased
    expect(page.get_by_text(re.compile("Their personal data is erased"))).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="learner2@demo.test").exists()
