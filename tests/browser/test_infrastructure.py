"""The browser harness itself, against pages that need no demo data: the live server answers,
axe runs, the error summary takes focus, and the site's own Content-Security-Policy holds."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD

from .helpers import CspWatch, assert_accessible, assert_error_summary_has_focus, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_live_server_answers_its_health_check(page, live_server):
    response = page.goto(f"{live_server.url}/healthz")
    assert response.status == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_sign_in_page_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)


def test_axe_reports_what_it_finds(page, live_server):
    # Proves the check can fail: a page with an unlabelled field and an image with no text.
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=bare><img src=x.png>')")
    with pytest.raises(AssertionError, match=r"(?s)image-alt.*#bare|#bare.*image-alt"):
        assert_accessible(page)


def test_a_wrong_password_moves_focus_to_the_error_summary(page, live_server, learner):
    sign_in(page, live_server.url, learner.email, "not-the-password")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    assert_error_summary_has_focus(page)
    assert_accessible(page)


def test_pages_run_under_the_content_security_policy_without_a_violation(strict_page, live_server, learner):
    page = strict_page
    csp = CspWatch(page)
    response = page.goto(f"{live_server.url}/accounts/login/")
    assert "script-src" in response.headers["content-security-policy"]
    # The NHS.UK template's inline script ran on its nonce...
    expect(page.locator("body")).to_have_class(re.compile(r"\bjs-enabled\b"))
    sign_in(page, live_server.url, learner.email, "not-the-password")
    # ...and the bundle from our own origin did too: it is what moves focus to the summary.
    assert_error_summary_has_focus(page)
    sign_in(page, live_server.url, learner.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto(f"{live_server.url}/framework/")
    page.wait_for_load_state("networkidle")
    csp.assert_none()
