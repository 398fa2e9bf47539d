"""Issue 16, item 5 as a new user would check it: a patient's name saved in a case study before the
guard caught such names (two versions of it, and its claim for a criterion) is removed by the
learner from the entry's page. Afterwards the entry, every version and the portfolio's history
show "[removed: patient identifier]" and never the name, and `verify_audit` still passes.

Every page goes through axe (WCAG 2.2 AA) under the site's own Content-Security-Policy, and no page
may report a CSP violation."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from coordinated_care.accounts.models import User
from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Criterion, Enrolment

from .helpers import CspWatch, assert_accessible_under_csp, assert_error_summary_has_focus, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
# Synthetic: no patient of the demo has this name.
NAME = "Mrs Edith Quarrendon"
MARKER = "[removed: patient identifier]"
TITLE = "Case study 9: settling back at home"


def check(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible_under_csp(page)


def _saved_before_the_guard():
    """A case study written straight through the services, as one saved under older rules was."""
    learner = User.objects.get(email=LEARNER)
    enrolment = Enrolment.objects.filter(learner=learner).order_by("pk").first()
    content = {
        "title": TITLE,
        "overview": f"{NAME} needed support to settle back at home after a stay in hospital.",
        "coordination": "I arranged a review with the community team and a befriending service.",
        "outcomes": "They felt supported; I learned to check transport needs earlier.",
    }
    entry = portfolio.create_entry(enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=content, user=learner)
    entry = portfolio.update_entry(
        entry, content={**content, "outcomes": f"{NAME} felt supported."}, user=learner, seen_version=1
    )
    criterion = Criterion.objects.filter(programme=enrolment.cohort.programme).order_by("pk").first()
    portfolio.link_evidence(entry, criterion=criterion, how_it_shows=f"My calls with {NAME} show it.", user=learner)
    return enrolment, entry


def _verify_audit():
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_a_redaction_removes_a_name_from_every_version_and_the_history(new_page, live_server, demo_data):
    enrolment, entry = _saved_before_the_guard()
    base = live_server.url
    page = new_page(bypass_csp=False)
    csp = CspWatch(page)
    sign_in(page, base, LEARNER, DEMO_PASSWORD)
    main = page.get_by_role("main")

    # Given the learner's case study, whose earlier versions and history hold a patient's name
    page.goto(f"{base}/history/portfolio/{enrolment.uuid}/")
    expect(main).to_contain_text(NAME)
    page.goto(f"{base}/portfolio/{enrolment.uuid}/entries/{entry.uuid}/")
    expect(main).to_contain_text(NAME)
    check(page)

    # When they remove it from the entry's page, first forgetting to say why
    main.get_by_role("link", name="Remove a patient identifier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove a patient identifier")
    check(page)
    page.get_by_label("The text to remove", exact=True).fill(NAME)
    main.get_by_role("button", name="Remove it").click()
    assert_error_summary_has_focus(page)
    expect(page.get_by_role("alert")).to_contain_text("Select why it is being removed")
    check(page)
    page.get_by_label("The text to remove", exact=True).fill(NAME)
    page.get_by_label("It names a patient, service user or carer").check()
    main.get_by_role("button", name="Remove it").click()

    # Then the entry, each version and the history show the marker, never the name
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Identifier removed from this entry, 2 versions and its history")).to_be_visible()
    expect(main).not_to_contain_text(NAME)
    expect(main).to_contain_text(MARKER)
    check(page)
    for number in (1, 2):
        page.goto(f"{base}/portfolio/{enrolment.uuid}/entries/{entry.uuid}/versions/{number}/")
        expect(main).not_to_contain_text(NAME)
        expect(main).to_contain_text(MARKER)
        check(page)
    page.goto(f"{base}/history/portfolio/{enrolment.uuid}/")
    expect(main).not_to_contain_text(NAME)
    expect(main).to_contain_text(MARKER)
    check(page)

    # And the audit chain still verifies, the rewritten events vouched for by the redaction
    report = _verify_audit()
    assert "The audit chain is whole" in report
    assert "had text redacted" in report
    csp.assert_none()
