"""Issue 6 as a new user would check it, on a real portfolio page under the site's own
Content-Security-Policy: typing an NHS number into a case study shows the finding beside the field
while typing, and the save is refused with a clear message; without it the case study saves. A
colleague's name asks for the declaration and their role, and once both are given the case study saves.

Every page goes through axe (WCAG 2.2 AA) and no page may report a CSP violation."""

import re

import pytest
from playwright.sync_api import Page, expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD

from .helpers import CspWatch, assert_accessible_under_csp, assert_error_summary_has_focus, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
# A synthetic NHS number with a valid modulus-11 check digit: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5
# + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9, the last digit.
NHS_NUMBER = "943 476 5919"
COLLEAGUE = "Amara Okafor"

TITLE = "Case study 2: a review of medicines at home"
OVERVIEW = "A person who lives alone was finding it hard to manage several medicines after a stay in hospital."
COORDINATION = "I arranged a medication review at home and agreed with the community nursing team who would visit."
OUTCOMES = (
    "They now use a weekly dosette box and feel more in control. I learned to check what has changed after discharge."
)
WITH_NHS_NUMBER = f"I found their NHS number {NHS_NUMBER} on the discharge letter and copied it here. "
WITH_COLLEAGUE = f" I agreed the changes with {COLLEAGUE}, the practice pharmacist, before the visit."


def check(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible_under_csp(page)


def findings_beside(page: Page, label: str):
    """The live region the guard puts beside a field: the field names it in aria-describedby."""
    field = page.get_by_label(label, exact=True)
    described_by = field.get_attribute("aria-describedby") or ""
    regions = [token for token in described_by.split() if token.endswith("-confidentiality")]
    assert regions, f"the field {label!r} is not described by a confidentiality live region ({described_by!r})"
    region = page.locator(f"#{regions[0]}")
    expect(region).to_have_attribute("aria-live", "polite")
    return region


def test_the_guard_refuses_an_nhs_number_and_asks_about_a_colleagues_name(new_page, live_server, demo_data):
    page = new_page(bypass_csp=False)
    csp = CspWatch(page)
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    main = page.get_by_role("main")

    # Given the demo learner writing a new case study
    main.get_by_role("link", name="Open your portfolio").click()
    main.get_by_role("link", name="Case studies", exact=True).first.click()
    case_studies_url = page.url
    main.get_by_role("button", name="Add a case study").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case study")
    check(page)
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Overview of coordination needs", exact=True).fill(OVERVIEW)
    page.get_by_label("Coordination that has taken place", exact=True).fill(COORDINATION)

    # When they type an NHS number into their outcomes
    outcomes = page.get_by_label("Outcomes, reflections and learning", exact=True)
    outcomes.press_sequentially(WITH_NHS_NUMBER + OUTCOMES, delay=5)

    # Then, while they type, the finding appears beside the field in plain words
    region = findings_beside(page, "Outcomes, reflections and learning")
    expect(region).to_be_visible(timeout=10_000)
    expect(region).to_contain_text("1 detail must be removed before you can save.")
    expect(region).to_contain_text(f"“{NHS_NUMBER}”: This looks like an NHS number")
    expect(region.locator(".nhsuk-tag")).to_have_text("Remove")
    expect(region).to_contain_text("cannot be saved in a portfolio")
    check(page)

    # When they try to save anyway
    page.get_by_role("button", name="Save").click()

    # Then the save is refused, and the error summary (which takes focus) says why and leads to the field
    assert_error_summary_has_focus(page)
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text(f"This contains an NHS number (“{NHS_NUMBER}”). Remove it before saving.")
    expect(summary.get_by_role("link", name=re.compile("NHS number"))).to_have_attribute("href", "#id_outcomes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case study")
    # And nothing they wrote is lost
    expect(outcomes).to_have_value(WITH_NHS_NUMBER + OUTCOMES)
    expect(page.get_by_label("Title", exact=True)).to_have_value(TITLE)
    check(page)

    # When they take the NHS number out
    outcomes.fill(OUTCOMES)

    # Then the finding goes, and the case study saves
    expect(region).to_be_hidden(timeout=10_000)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text("Case study saved")
    expect(main).not_to_contain_text(NHS_NUMBER)
    check(page)
    entry_url = page.url

    # When they add that they agreed the changes with a colleague, by name
    main.get_by_role("button", name="Change", exact=True).click()
    coordination = page.get_by_label("Coordination that has taken place", exact=True)
    coordination.press("Control+End")
    coordination.press_sequentially(WITH_COLLEAGUE, delay=5)

    # Then the guard asks them, beside the field, to check the name
    region = findings_beside(page, "Coordination that has taken place")
    expect(region).to_be_visible(timeout=10_000)
    expect(region).to_contain_text("Check the names below before you save.")
    expect(region).to_contain_text(f"“{COLLEAGUE}”: This looks like a person's name")
    expect(region.locator(".nhsuk-tag")).to_have_text("Check")
    check(page)

    # When they save without confirming
    page.get_by_role("button", name="Save").click()

    # Then they are asked for the declaration, from the error summary, and the name is quoted
    assert_error_summary_has_focus(page)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(f"Check the name “{COLLEAGUE}”")
    declaration = page.get_by_role(
        "checkbox", name=re.compile("I confirm that the people named are not patients, service users or carers")
    )
    expect(declaration).to_be_visible()
    expect(declaration).not_to_be_checked()
    expect(coordination).to_have_value(COORDINATION + WITH_COLLEAGUE)
    check(page)

    # When they confirm that the person named is a colleague, with their role (a tick alone saves no
    # name), and save
    declaration.check()
    page.get_by_label(f"{COLLEAGUE}: what is their role?").fill("Practice pharmacist")
    page.get_by_role("button", name="Save").click()

    # Then the case study is saved with the colleague's name, as a new version
    expect(page).to_have_url(entry_url)
    expect(main).to_contain_text(re.compile(r"Case study saved as version 2"))
    expect(main).to_contain_text(f"I agreed the changes with {COLLEAGUE}, the practice pharmacist")
    check(page)

    # And the refused save left nothing behind: the section holds this case study once
    page.goto(case_studies_url)
    expect(main.get_by_role("link", name=TITLE, exact=True)).to_have_count(1)
    check(page)
    csp.assert_none()
