"""Steps and checks shared by the browser journeys: signing in, the axe accessibility check, the
NHS error summary pattern and a watch on Content-Security-Policy violations."""

import json
from pathlib import Path

from playwright.sync_api import Page, expect

AXE = Path(__file__).resolve().parents[2] / "build" / "axe.min.js"
# WCAG 2.2 AA, the service's target (PRODUCT.md): every A and AA rule of 2.0, 2.1 and 2.2.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page: Page) -> None:
    """Fail with every axe violation on the page as it stands, each with the elements at fault."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: `npm run build` copies it from the axe-core package (make test does).")
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Inline, so the page's context must bypass its CSP (the page fixtures do).
        page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results["violations"]
    if violations:
        raise AssertionError(f"{len(violations)} accessibility violation(s) on {page.url}:\n" + _describe(violations))


def _describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            # A target is a list of selectors, one per shadow root or frame on the way to the element.
            lines.append(f"    at {' >> '.join(map(json.dumps, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def sign_in(page: Page, base_url: str, email: str, password: str, totp_secret: str | None = None) -> None:
    """Sign in through the real form, as a person would: with the code of their authenticator app
    too when the service asks for one (staff roles, ADR 13). The demo's people have the demo's
    app, the test personas the factories' one."""
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    # Signed in or refused, the form posts and a new page loads: wait for it, not the old one.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    if page.url.rstrip("/").endswith("/accounts/2fa/authenticate"):
        from coordinated_care.accounts.tests.factories import TOTP_SECRET, totp_code
        from coordinated_care.nonprod.demo import DEMO_TOTP_SECRET

        secret = totp_secret or (DEMO_TOTP_SECRET if email.endswith("@demo.test") else TOTP_SECRET)
        page.locator("input[name=code]").fill(totp_code(secret, who=email))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue", exact=True).click()


def assert_error_summary_has_focus(page: Page) -> None:
    """The NHS pattern after a failed submit: the error summary is shown, titled and focused, and each
    of its links leads to a field on the page."""
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_be_focused()
    for link in summary.locator("a").all():
        target = link.get_attribute("href") or ""
        assert target.startswith("#"), f"error summary link {link.inner_text()!r} goes to {target!r}, not a field"
        expect(page.locator(target), f"the field {target} that the error summary links to").to_be_attached()


def assert_no_horizontal_scroll(page: Page) -> None:
    """On a phone nothing should make the page scroll sideways (WCAG 1.4.10, reflow)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the {page.viewport_size['width']}px viewport"


class CspWatch:
    """Collects every Content-Security-Policy violation a page reports, from the page's own
    `securitypolicyviolation` events and from the console, where Chromium also logs each refusal."""

    def __init__(self, page: Page):
        self.violations: list[str] = []
        page.expose_function("__reportCspViolation", self._record)
        page.add_init_script(
            """document.addEventListener("securitypolicyviolation", event => window.__reportCspViolation(
                `${event.effectiveDirective} refused ${event.blockedURI || "inline code"}`
                + ` on ${event.documentURI}`));"""
        )
        page.on("console", self._on_console)

    def _record(self, violation: str) -> None:
        self.violations.append(violation)

    def _on_console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self._record(f"console: {message.text}")

    def assert_none(self) -> None:
        # Each refusal is reported twice (event and console) and again on every page: once is enough.
        unique = list(dict.fromkeys(self.violations))
        assert not unique, "Content-Security-Policy violations:\n" + "\n".join(unique)


def assert_accessible_under_csp(page: Page) -> None:
    """`assert_accessible` for a page that runs under the site's own Content-Security-Policy (a
    context opened with bypass_csp=False). Such a page refuses axe as a script tag, so axe is
    evaluated through the DevTools protocol instead, which the page's policy does not govern and
    which reports no violation; the page's own scripts stay under the policy."""
    page.wait_for_load_state("load")
    if AXE.exists() and not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # Which also says what to do when the axe build is missing.
    assert_accessible(page)
