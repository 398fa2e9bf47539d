"""The issue's browser check, on a test page: typing an NHS number shows the finding beside the field
and the save is refused with a clear message; a colleague's name can be confirmed, with their role, and saved. The page
runs under the real Content-Security-Policy (`strict_page`), which must not be violated.

The browser is the suite's shared one (tests/browser/fixtures.py): opening a second Playwright here
would fail while another module's browser is open."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.urls("coordinated_care.confidentiality.tests.browser_page")]


@pytest.fixture
def session_cookie(transactional_db, learner, live_server):
    client = Client()
    client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def test_the_live_check_and_the_save(live_server, session_cookie, strict_page):
    page = strict_page
    page.context.add_cookies([session_cookie])
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/test-case-study/")

    field = page.get_by_label("Outcomes, reflections and learning")
    field.fill("His NHS number is 943 476 5919 and I discussed it with Sam Okafor.")
    region = page.locator("#id_reflection-confidentiality")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(region).to_contain_text("“943 476 5919”: This looks like an NHS number", timeout=10_000)
    expect(region).to_contain_text("“Sam Okafor”")
    assert "id_reflection-confidentiality" in field.get_attribute("aria-describedby")

    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("an NHS number (“943 476 5919”)")
    expect(page.locator("#saved")).to_have_count(0)

    page.get_by_label("Outcomes, reflections and learning").fill("I discussed the plan with Sam Okafor.")
    page.get_by_role("button", name="Save").click()
    declaration = page.get_by_label("I confirm that the people named are not patients", exact=False)
    expect(declaration).to_be_visible()
    declaration.check()
    page.get_by_label("Sam Okafor: what is their role?").fill("Practice pharmacist")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#saved")).to_have_text("Saved.")
    assert violations == []
