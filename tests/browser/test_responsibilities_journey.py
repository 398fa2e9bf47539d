"""Issue 12, items 2, 3 and 5, as a new user would check them, in a real browser under the site's
own Content-Security-Policy: the demo learner, on a phone, is asked on their home to acknowledge
the care coordinator's responsibilities and does; their home names their learning facilitator;
their front sheet names everyone the PD asks for; they record a reasonable adjustment. Their
facilitator's colleague, assessing for them while they are away, sees it and agrees it; the
employer is told it does not exist. The facilitator acknowledges their own responsibilities on
their home.

Every page goes through axe (WCAG 2.2 AA) and no page may report a CSP violation."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coordinated_care.accounts.models import User
from coordinated_care.programmes.models import Delegation, Enrolment

from .helpers import CspWatch, assert_error_summary_has_focus, assert_no_horizontal_scroll, sign_in
from .test_assessment_journey import Browser, check, h1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
FACILITATOR = "facilitator@demo.test"
COLLEAGUE = "facilitator2@demo.test"
EMPLOYER = "employer@demo.test"
ADJUSTMENT = "Workshop slides printed in a larger font, and extra time to write up case studies"
ACKNOWLEDGE = "I have read these responsibilities and will keep to them"


def test_responsibilities_front_sheet_and_a_reasonable_adjustment(new_page, live_server, demo_data):
    from coordinated_care.nonprod.demo import DEMO_PASSWORD

    browser = Browser(new_page, live_server.url)
    today = timezone.localdate()
    enrolment = Enrolment.objects.get(learner__email=LEARNER)
    lead_names = [lead.display_name for lead in enrolment.cohort.leads.all()]
    facilitator_name = User.objects.get(email=FACILITATOR).display_name
    colleague = User.objects.get(email=COLLEAGUE)
    adjustments_url = live_server.url + reverse("portfolios:reasonable_adjustments", args=[enrolment.uuid])

    # Given the demo learner signed in on a phone, on their home
    learner = new_page(phone=True, bypass_csp=False)
    browser.watches.append(CspWatch(learner))
    sign_in(learner, live_server.url, LEARNER, DEMO_PASSWORD)
    main = learner.get_by_role("main")
    # Then they are asked to acknowledge the care coordinator's four responsibilities
    for duty in (
        "Restricted Access to Confidential Information",
        "Prohibition on Identifying Patients or Service Users",
        "Restrictions on Disclosure and Use of Information",
        "Prohibition on Removing or Misusing Information",
    ):
        expect(main).to_contain_text(duty)
    # And told who their learning facilitator is
    expect(main).to_contain_text(f"Your learning facilitator is {' and '.join(lead_names)}")
    check(learner)
    assert_no_horizontal_scroll(learner)

    # When they acknowledge them
    main.get_by_role("button", name=ACKNOWLEDGE).click()
    # Then their home no longer asks, and says when they did
    expect(main).not_to_contain_text("Restricted Access to Confidential Information")
    expect(main.get_by_role("button", name=ACKNOWLEDGE)).to_have_count(0)
    expect(main).to_contain_text(f"acknowledged on {today:%-d %B %Y}")
    check(learner)

    # When they open their front sheet from the portfolio's overview
    main.get_by_role("link", name="Open your portfolio").click()
    main.get_by_role("link", name="Front sheet").click()
    expect(h1(learner)).to_have_text("Your front sheet")
    for text in ("Workplace supervisor/mentor", "Learning Facilitator (LF)", facilitator_name, *lead_names):
        expect(main).to_contain_text(text)
    expect(main).to_contain_text(f"Acknowledged on {today:%-d %B %Y}")
    check(learner)
    assert_no_horizontal_scroll(learner)

    # And record a reasonable adjustment (nothing written first: the error is said)
    main.get_by_role("link", name="See or record your reasonable adjustments").click()
    expect(h1(learner)).to_have_text("Your reasonable adjustments")
    expect(main).to_contain_text("never in the portfolio PDF")
    main.get_by_role("button", name="Record the adjustment").click()
    assert_error_summary_has_focus(learner)
    check(learner)
    learner.get_by_label("What is the adjustment?").fill(ADJUSTMENT)
    main.get_by_role("button", name="Record the adjustment").click()
    expect(main).to_contain_text(ADJUSTMENT)
    expect(main).to_contain_text("Not agreed yet")
    check(learner)
    assert_no_horizontal_scroll(learner)

    # Given the facilitator's colleague assessing for them for two weeks (ADR 16)
    with transaction.atomic():
        Delegation.objects.create(
            enrolment=enrolment,
            facilitator=enrolment.facilitator,
            delegate=colleague,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=13),
            reason="Annual leave",
            created_by=enrolment.facilitator,
        )
    # When the delegate opens the learner's reasonable adjustments
    delegate = browser.signed_in(COLLEAGUE)
    delegate.goto(adjustments_url)
    delegate_main = delegate.get_by_role("main")
    # Then they see it, and agree it
    expect(delegate_main).to_contain_text(ADJUSTMENT)
    check(delegate)
    delegate_main.get_by_role("button", name="Agree adjustment 1").click()
    expect(delegate_main).to_contain_text(f"{colleague.display_name}, {today:%-d %B %Y}")
    check(delegate)

    # When the employer tries the same address, they are told it does not exist
    employer = browser.signed_in(EMPLOYER)
    response = employer.goto(adjustments_url)
    assert response.status == 404
    expect(employer.get_by_role("main")).not_to_contain_text(ADJUSTMENT)
    check(employer)

    # Given the facilitator on their home, asked to acknowledge their own responsibilities
    facilitator = browser.signed_in(FACILITATOR)
    facilitator_main = facilitator.get_by_role("main")
    expect(facilitator_main).to_contain_text("should be aware of any disability or needs")
    expect(facilitator_main).to_contain_text("support must be delegated within the team")
    check(facilitator)
    facilitator_main.get_by_role("button", name=ACKNOWLEDGE).click()
    expect(facilitator_main).to_contain_text("Your responsibilities as a practice-based facilitator")
    expect(facilitator_main.get_by_role("button", name=ACKNOWLEDGE)).to_have_count(0)
    check(facilitator)

    browser.assert_no_csp_violation()
