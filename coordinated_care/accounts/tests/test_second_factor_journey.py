"""In a real browser, under the site's own Content-Security-Policy: a new facilitator signs in, is
sent to set up two-factor authentication before anything else, adds an authenticator app by typing
its key, keeps their recovery codes and reaches their home; next time they are asked for a code,
type a wrong one and are told plainly. Every page passes the WCAG 2.2 AA checks."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from conftest import PASSWORD
from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory, forget_used_codes
from tests.browser.helpers import CspWatch, assert_accessible_under_csp, assert_error_summary_has_focus, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_facilitator_sets_up_an_authenticator_app_before_anything_else(strict_page, live_server):
    forget_used_codes()
    page = strict_page
    csp = CspWatch(page)
    practice = OrganisationFactory(name="Journey Practice", kind=Organisation.Kind.PRACTICE)
    facilitator = RoleAssignmentFactory(role=Role.FACILITATOR, organisation=practice, with_second_factor=False).user

    # Given a facilitator without a second factor, signing in with their password
    sign_in(page, live_server.url, facilitator.email, PASSWORD)

    # Then they are sent to set one up, whatever they ask for
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    expect(page.get_by_text("Set up two-factor authentication to continue")).to_be_visible()
    assert_accessible_under_csp(page)
    page.goto(f"{live_server.url}/facilitator/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))

    # When they choose the authenticator app, confirming their password first
    page.get_by_role("button", name="Set up an authenticator app").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    assert_accessible_under_csp(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    # Then the page shows the QR code and the key to type into the app
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    assert_accessible_under_csp(page)
    secret = page.locator("#authenticator_secret").inner_text().strip()

    # When they type a wrong code, they are told plainly
    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Set up the app").click()
    assert_error_summary_has_focus(page)
    assert_accessible_under_csp(page)

    # When they type the code the app shows
    page.get_by_label("Code from the app").fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.get_by_role("button", name="Set up the app").click()

    # Then they see their recovery codes, and can go on to their home
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.locator("#recovery_codes li")).to_have_count(10)
    assert_accessible_under_csp(page)
    page.get_by_role("link", name="Continue to the service").click()
    expect(page).to_have_url(re.compile(r"/facilitator/$"))

    # And next time, after the password, the code is asked for
    page.context.clear_cookies()
    sign_in(page, live_server.url, facilitator.email, PASSWORD, totp_secret=secret)
    expect(page).to_have_url(re.compile(r"/facilitator/$"))

    # And the passkey page loads allauth's WebAuthn script under the policy without a violation
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    if "reauthenticate" in page.url:
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a passkey or security key")
    assert page.evaluate("typeof window.allauth.webauthn.forms.addForm") == "function"
    assert_accessible_under_csp(page)
    csp.assert_none()
