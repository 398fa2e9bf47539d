"""Issue 5 in a real browser, as a new user would: the demo learner prints a QR card; its link opens
the form on a phone; consent, answers and submission work; the same link then refuses a second
use; the summary counts change. Each page passes the axe WCAG 2.2 AA check."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Enrolment
from tests.browser.helpers import (
    assert_accessible,
    assert_error_summary_has_focus,
    assert_no_horizontal_scroll,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _very_happy_with_needs(page):
    row = page.locator(".app-feedback-summary-table tbody tr").first
    return int(row.locator("td").first.inner_text())


def test_a_patient_answers_a_printed_card_on_a_phone(page, phone_page, live_server, demo_data):
    enrolment = Enrolment.objects.get(learner__email="learner@demo.test")
    overview = f"{live_server.url}/feedback/{enrolment.uuid}/"

    # Given the demo learner on their feedback page
    sign_in(page, live_server.url, "learner@demo.test", DEMO_PASSWORD)
    page.goto(overview)
    assert_accessible(page)
    before = _very_happy_with_needs(page) if page.locator(".app-feedback-summary-table").count() else 0

    # When they ask a patient for feedback and make one card
    page.get_by_role("button", name="Ask for feedback").click()
    page.get_by_role("link", name="A patient, service user or carer").click()
    assert_accessible(page)
    page.get_by_label("How many cards do you need?").select_option("1")
    page.get_by_role("button", name="Make the cards").click()

    # Then the card has a QR code and the link it encodes, and only the card prints
    expect(page.get_by_role("heading", level=1)).to_have_text("Your feedback link")
    expect(page.get_by_role("img", name="QR code that opens the feedback form")).to_be_visible()
    assert page.locator(".app-feedback-card__qr").get_attribute("src").startswith("data:image/svg+xml")
    assert_accessible(page)
    link = page.locator(".app-feedback-card__url").inner_text().strip()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/feedback/f/[A-Za-z0-9_-]{{43}}/", link)
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_hidden()
    expect(page.locator(".app-feedback-card")).to_be_visible()
    page.emulate_media(media="screen")

    # When a patient opens the link on a phone, without an account
    phone_page.goto(link)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Give feedback on a care coordinator")
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)

    # And continues without choosing, then gives consent
    phone_page.get_by_role("button", name="Continue").click()
    assert_error_summary_has_focus(phone_page)
    phone_page.get_by_label("Yes, I would like to give feedback").check()
    phone_page.get_by_role("button", name="Continue").click()

    # And answers the PD's questions, one fieldset each
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Your feedback")
    assert_accessible(phone_page)
    assert_no_horizontal_scroll(phone_page)
    phone_page.get_by_role("group", name="Are you the patient or service user, or a carer or relative?").get_by_label(
        "The patient or service user"
    ).check()
    for question in (
        "understood your individual needs?",
        "explained the importance of choice?",
        "talked to you?",
        "showed you respect?",
        "understood the way you felt?",
    ):
        group = phone_page.get_by_role("group", name=f"How happy were you with the way the care coordinator {question}")
        group.get_by_label("Very happy", exact=True).check()
    phone_page.get_by_label("What did the care coordinator do well? (optional)").fill(
        "Listened, and rang back as promised."
    )
    phone_page.get_by_role("button", name="Send feedback").click()

    # Then they are thanked
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    assert_accessible(phone_page)

    # And the same link refuses a second use
    phone_page.goto(link)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("This feedback link has already been used")
    assert_accessible(phone_page)

    # And the learner's summary counts the answer
    page.goto(overview)
    assert _very_happy_with_needs(page) == before + 1
    assert_accessible(page)
