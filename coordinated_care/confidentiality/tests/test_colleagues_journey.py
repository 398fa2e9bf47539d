"""Issue 16's browser checks for the guard's every path, as a new user would make them, each page
through axe (WCAG 2.2 AA) under the service's own Content-Security-Policy: a patient's name with a
title cannot be saved as a colleague's; a colleague confirmed with their role saves; after signing
out, or once the session has ended, this device's storage holds no draft."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.portfolios.models import EntryVersion
from coordinated_care.programmes.models import Enrolment
from tests.browser.helpers import CspWatch, assert_accessible_under_csp, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
DRAFTS = "() => Object.keys(window.localStorage).filter((key) => key.startsWith('ccp-draft:'))"


def reflection_form(live_server):
    enrolment = Enrolment.objects.get(learner__email=LEARNER)
    return f"{live_server.url}/portfolio/{enrolment.uuid}/reflections/new/"


def test_a_patients_name_with_a_title_cannot_be_saved_as_a_colleague(new_page, live_server, demo_data):
    page = new_page(bypass_csp=False)
    csp = CspWatch(page)
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    page.goto(reflection_form(live_server))
    main = page.get_by_role("main")
    main.get_by_label("Title").fill("Learning from a home visit")
    main.get_by_label("What did it mean?").fill("Agreeing the plan early helped everyone.")
    main.get_by_label("What will you do next?").fill("I will agree plans before the first visit.")

    # Given a reflection that names a patient with her title
    what_happened = main.get_by_label("What happened?")
    what_happened.fill("I visited Mrs Margaret Thompson at home to agree her plan.")
    # Then the live check says while typing that the name must go
    expect(main.get_by_text("cannot be confirmed as a colleague").first).to_be_visible(timeout=20_000)

    # When they try to save it
    page.get_by_role("button", name="Save").click()
    # Then it is refused in plain words, with no box to tick it through
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("“Mrs Margaret Thompson” is written with a title (Mrs)")
    expect(summary).to_contain_text("cannot be confirmed as a colleague")
    expect(page.locator("input[name=confidentiality_declaration]")).to_have_count(0)
    assert_accessible_under_csp(page)
    assert not EntryVersion.objects.filter(title="Learning from a home visit").exists()

    # When they write about a colleague instead, by name
    main.get_by_label("What happened?").fill("I agreed the plan with Sam Okafor and the community team.")
    page.get_by_role("button", name="Save").click()
    # Then the form asks for the colleague's role beside the declaration
    role = main.get_by_label("Sam Okafor: what is their role?")
    expect(role).to_be_visible()
    declaration = main.get_by_label("I confirm that the people named are not patients", exact=False)
    assert_accessible_under_csp(page)

    # And a tick alone is not enough
    declaration.check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the role of “Sam Okafor”")
    assert_accessible_under_csp(page)

    # When they give the role too, it saves, and the role is kept with the declaration
    main.get_by_label("Sam Okafor: what is their role?").fill("Practice pharmacist")
    main.get_by_label("I confirm that the people named are not patients", exact=False).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning from a home visit")
    version = EntryVersion.objects.get(title="Learning from a home visit")
    assert [(d["text"], d["role"]) for d in version.declarations] == [("Sam Okafor", "Practice pharmacist")]
    assert_accessible_under_csp(page)
    csp.assert_none()


def keep_a_draft(page, live_server):
    """Writing that the guard refuses, kept on this device as the learner types."""
    page.goto(reflection_form(live_server))
    page.get_by_role("main").get_by_label("What happened?").fill("His NHS number is 943 476 5919.")
    # Polled from here: the page's policy refuses a predicate evaluated as a string.
    for _ in range(80):
        if page.evaluate(DRAFTS):
            return
        page.wait_for_timeout(250)
    raise AssertionError("the draft was never kept on this device")


def test_signing_out_leaves_no_draft_on_this_device(new_page, live_server, demo_data):
    page = new_page(bypass_csp=False)
    csp = CspWatch(page)
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    # Given a draft holding an NHS number, which the server refused to keep
    keep_a_draft(page, live_server)
    expect(page.locator("[data-portfolio-draft-status]")).to_contain_text("remove the identifier", timeout=20_000)

    # When the learner signs out from the header
    page.on("dialog", lambda dialog: dialog.accept())  # leaving a page with unsaved writing asks first
    page.get_by_role("link", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    assert_accessible_under_csp(page)
    page.get_by_role("main").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # Then this computer's storage holds no draft
    assert page.evaluate(DRAFTS) == []
    assert_accessible_under_csp(page)
    csp.assert_none()


def test_a_session_that_has_ended_leaves_no_draft_on_this_device(new_page, live_server, demo_data):
    page = new_page(bypass_csp=False)
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    keep_a_draft(page, live_server)

    # When the session ends and the next page is the sign-in page
    page.context.clear_cookies(name="sessionid")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # Then no draft is left on the device
    assert page.evaluate(DRAFTS) == []


def test_a_signed_in_page_removes_the_drafts_of_anyone_else(new_page, live_server, demo_data):
    page = new_page(bypass_csp=False)
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    keep_a_draft(page, live_server)
    mine = page.evaluate(DRAFTS)
    # A draft some other person left on this computer (their session never signed out)
    page.evaluate("() => window.localStorage.setItem('ccp-draft:999999:entry', '{}')")
    page.goto(f"{live_server.url}/")
    assert page.evaluate(DRAFTS) == mine
