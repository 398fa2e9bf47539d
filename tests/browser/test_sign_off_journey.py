"""Issue 13, item 3 and issue 12, item 6 as a new facilitator would check them on a phone, in a real
browser under the site's own Content-Security-Policy: the demo learner adds one word to the case
study of a criterion already signed off; the facilitator finds it on their caseload as "changed
since you signed: re-confirm", reads the word added on the changes page and re-confirms the
sign-off in one step, with their password. Then they sign off the request waiting for them in one
pass: the outcome first with only its own questions shown, the date achieved already today,
exceeding expectations acknowledged, and the password entered once.

Every page goes through axe (WCAG 2.2 AA), must not scroll sideways on the phone, and no page may
report a CSP violation."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from coordinated_care.assessments.services.sign_offs import linked_evidence
from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.portfolios import services as portfolio
from coordinated_care.programmes.models import Criterion, Enrolment

from .helpers import (
    CspWatch,
    assert_accessible_under_csp,
    assert_error_summary_has_focus,
    assert_no_horizontal_scroll,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
FACILITATOR = "facilitator@demo.test"
SIGNED = "PC1"  # signed off by the demo
WAITING = "CS7"  # waiting for the demo facilitator
COMMENTS = "The befriending referral shows how they linked the person to support outside the practice."
EXCEEDING = "Set up the referral route the whole team now uses."


def check(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_no_horizontal_scroll(page)
    assert_accessible_under_csp(page)


def h1(page: Page):
    return page.get_by_role("heading", level=1)


def _add_one_word(enrolment):
    """The learner adds one word to the case study signed for PC1, as they would on its page."""
    criterion = Criterion.objects.get(programme=enrolment.cohort.programme, code=SIGNED)
    entry = linked_evidence(enrolment, criterion).first().entry
    field = next(k for k, v in entry.content.items() if isinstance(v, str) and " and " in v and k != "title")
    content = {**entry.content, field: entry.content[field].replace(" and ", " and also ", 1)}
    portfolio.update_entry(entry, content=content, user=enrolment.learner, seen_version=entry.version)


def test_re_confirming_after_a_one_word_change_and_signing_off_in_one_pass(new_page, live_server, demo_data):
    enrolment = Enrolment.objects.select_related("learner", "cohort__programme").get(learner__email=LEARNER)
    _add_one_word(enrolment)

    page = new_page(phone=True, bypass_csp=False)
    watch = CspWatch(page)
    sign_in(page, live_server.url, FACILITATOR, DEMO_PASSWORD)
    main = page.get_by_role("main")

    # Given the facilitator on their caseload, on a phone
    page.goto(live_server.url + reverse("assessments:caseload"))
    check(page)

    # Then the changed sign-off waits for them, to re-confirm
    changed = main.get_by_role("link", name="changed since you signed: re-confirm")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text(SIGNED)

    # When they open it, the word added is shown, marked as added
    changed.click()
    expect(h1(page)).to_contain_text(f"Changes since you signed {SIGNED}")
    expect(main.locator("ins.app-diff__added").filter(has_text="also")).to_have_count(1)
    check(page)

    # And they give a wrong password, only the password is asked for again
    page.get_by_label("Your password").fill("not-my-password")
    main.get_by_role("button", name="Re-confirm sign-off").click()
    assert_error_summary_has_focus(page)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The password is not right")
    check(page)

    # When they re-confirm with their password, in one step
    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    main.get_by_role("button", name="Re-confirm sign-off").click()

    # Then the criterion is signed off again, saying it was re-confirmed
    expect(page).to_have_url(live_server.url + reverse("portfolios:criterion", args=[enrolment.uuid, SIGNED]))
    expect(main).to_contain_text(f"You have re-confirmed your sign-off of {SIGNED}")
    expect(main).to_contain_text("Re-confirmed by the facilitator after a change")
    expect(main).not_to_contain_text("Evidence changed since sign-off")
    # And the acknowledgement the demo's decision made is carried with it
    expect(main).to_contain_text("Exceeding expectations")
    check(page)
    page.goto(live_server.url + reverse("assessments:caseload"))
    expect(main.get_by_role("link", name="changed since you signed: re-confirm")).to_have_count(0)

    # When they open the request waiting for them
    main.get_by_role("link", name=WAITING).first.click()
    expect(h1(page)).to_contain_text(f"Sign-off of {WAITING}")
    check(page)

    # Then "Your decision" is asked once, no password yet, and the date achieved is today
    expect(main.get_by_text("Your decision", exact=True)).to_have_count(1)
    expect(page.locator("input[type=password]")).to_have_count(0)
    today = timezone.localdate()

    # When they choose "Achieved", only its own questions show
    main.get_by_role("radio", name="Achieved", exact=True).check()
    date = main.get_by_role("group", name="Date achieved")
    expect(date).to_be_visible()
    expect(date.get_by_label("Day")).to_have_value(str(today.day))
    expect(date.get_by_label("Month")).to_have_value(str(today.month))
    expect(date.get_by_label("Year")).to_have_value(str(today.year))
    expect(page.get_by_label("Area of focus").first).to_be_hidden()
    expect(page.get_by_label("The learner's critical reflection on the shortfall")).to_be_hidden()
    check(page)

    # And acknowledge they are exceeding expectations, give their comments and continue
    main.get_by_role("checkbox", name="The learner is exceeding expectations").check()
    page.get_by_label("How they are exceeding expectations (optional)").fill(EXCEEDING)
    page.get_by_label("Comments and rationale").fill(COMMENTS)
    main.get_by_role("button", name="Continue").click()

    # Then the decision is shown back and the password asked for, once
    expect(h1(page)).to_contain_text(f"Check and sign your decision on {WAITING}")
    expect(main).to_contain_text(COMMENTS)
    expect(main).to_contain_text(EXCEEDING)
    expect(page.locator("input[type=password]")).to_have_count(1)
    check(page)

    # When they sign with their password
    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    main.get_by_role("button", name="Sign and record decision").click()

    # Then it is signed off, with the acknowledgement
    expect(h1(page)).to_contain_text(f"Sign-off of {WAITING}")
    expect(main).to_contain_text(f"You have signed your decision on {WAITING}")
    expect(main).to_contain_text("Signed off")
    expect(main).to_contain_text(EXCEEDING)
    check(page)
    watch.assert_none()
