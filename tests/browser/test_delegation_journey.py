"""Issue 12, item 4, as a new user would check it, in a real browser under the site's own
Content-Security-Policy: the demo facilitator delegates assessing their learner to a colleague in
the same primary care network for two weeks; the delegate finds the learner on their caseload and
signs off a criterion "on behalf of" the facilitator; the facilitator is e-mailed and sees it on
their caseload; once they withdraw the delegation the delegate has no access.

Every page goes through axe (WCAG 2.2 AA) and no page may report a CSP violation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coordinated_care.accounts.models import User
from coordinated_care.programmes.models import Delegation, Enrolment
from coordinated_care.programmes.services import delegations

from .test_assessment_journey import Browser, check, fill_date, h1, last_mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
FACILITATOR = "facilitator@demo.test"
# A facilitator of the other practice in the demo's PCN.
COLLEAGUE = "facilitator2@demo.test"
CODE = "RS6"
REFLECTION = "A handover that nearly went wrong"
REASON = "Annual leave for two weeks"
COMMENTS = "A clear reflection that has changed how the learner closes each meeting."


def test_a_delegate_signs_off_on_behalf_of_the_facilitator(new_page, live_server, demo_data):
    from coordinated_care.nonprod.demo import DEMO_PASSWORD

    browser = Browser(new_page, live_server.url)
    today = timezone.localdate()
    enrolment = Enrolment.objects.get(learner__email=LEARNER)
    learner_name = User.objects.get(email=LEARNER).display_name
    facilitator_name = User.objects.get(email=FACILITATOR).display_name
    colleague_name = User.objects.get(email=COLLEAGUE).display_name

    # Given the demo's own delegation (to the same colleague) withdrawn: this journey makes its own,
    # and one delegation covers a learner at a time
    for demo_delegation in Delegation.objects.filter(enrolment=enrolment, withdrawn_at__isnull=True):
        delegations.withdraw(demo_delegation, user=User.objects.get(email=FACILITATOR))

    # Given the demo facilitator on their caseload
    facilitator = browser.signed_in(FACILITATOR)
    facilitator.goto(live_server.url + reverse("assessments:caseload"))
    check(facilitator)

    # When they delegate assessing their learner to a colleague for two weeks
    facilitator.get_by_role("link", name=f"Delegate assessing {learner_name}").click()
    expect(h1(facilitator)).to_contain_text("Delegate assessing this learner")
    check(facilitator)
    main = facilitator.get_by_role("main")
    main.get_by_role("button", name="Delegate assessing").click()
    # (nothing chosen: the errors are said first)
    expect(facilitator.locator(".nhsuk-error-summary")).to_contain_text("Choose who will assess the learner")
    check(facilitator)
    facilitator.get_by_label("Who will assess the learner").select_option(label=f"{colleague_name} ({COLLEAGUE})")
    fill_date(facilitator, "First day", today)
    fill_date(facilitator, "Last day", today + datetime.timedelta(days=13))
    facilitator.get_by_label("Why you are delegating").fill(REASON)
    main.get_by_role("button", name="Delegate assessing").click()

    # Then the delegation is current, and the colleague is told
    expect(main).to_contain_text(f"is delegated to {colleague_name}")
    expect(main).to_contain_text(f"{colleague_name}, on behalf of {facilitator_name}")
    expect(main).to_contain_text("Current")
    check(facilitator)
    assert "delegated" in last_mail_to(COLLEAGUE).subject

    # When the learner asks for sign-off of a criterion
    learner = browser.signed_in(LEARNER)
    learner.goto(live_server.url + reverse("portfolios:criterion", args=[enrolment.uuid, CODE]))
    panel = learner.locator("section", has=learner.get_by_role("heading", name="Sign-off", exact=True))
    panel.get_by_role("button", name="Ask for sign-off").click()
    learner_main = learner.get_by_role("main")
    expect(learner_main.get_by_role("checkbox", name=REFLECTION)).to_be_checked()
    learner_main.get_by_role("button", name="Ask for sign-off").click()
    expect(h1(learner)).to_contain_text(f"Sign-off of {CODE}")
    request_url = learner.url

    # Then the delegate finds the learner on their caseload, on behalf of the facilitator
    delegate = browser.signed_in(COLLEAGUE)
    delegate.goto(live_server.url + reverse("assessments:caseload"))
    delegate_main = delegate.get_by_role("main")
    expect(delegate_main).to_contain_text(f"Delegated to you, on behalf of {facilitator_name}")
    expect(delegate_main).to_contain_text("Sign-off requested")
    check(delegate)

    # When the delegate signs it off (the decision form's radios are checked by axe in the
    # assessment journey; here the page is checked once signed)
    delegate.goto(request_url)
    expect(h1(delegate)).to_contain_text(f"Sign-off of {CODE}")
    delegate_main.get_by_role("radio", name="Achieved", exact=True).check()
    delegate.get_by_label("Comments and rationale").fill(COMMENTS)
    fill_date(delegate, "Date achieved", today)
    # (the decision is checked on a page of its own before it is signed, where it is shown back)
    delegate_main.get_by_role("button", name="Continue").click()
    expect(h1(delegate)).to_contain_text("Check and sign")
    check(delegate)
    delegate.get_by_label("Your password").fill(DEMO_PASSWORD)
    delegate_main.get_by_role("button", name="Sign and record decision").click()

    # Then the signature says "on behalf of" the facilitator
    expect(delegate_main).to_contain_text("Signed off")
    expect(delegate_main).to_contain_text(f"{colleague_name} on behalf of {facilitator_name}")
    check(delegate)
    learner.goto(request_url)
    expect(learner_main).to_contain_text(f"{colleague_name} on behalf of {facilitator_name}")
    check(learner)

    # And the facilitator is e-mailed and sees it on their caseload
    told = last_mail_to(FACILITATOR)
    assert told.subject == f"Signed on your behalf for {learner_name}"
    facilitator.goto(live_server.url + reverse("assessments:caseload"))
    expect(main).to_contain_text("Signed on your behalf")
    expect(main).to_contain_text(f"{colleague_name} on behalf of you")
    expect(main).to_contain_text("Delegated while you are away")
    check(facilitator)
    facilitator.goto(request_url)
    expect(main).to_contain_text(f"{colleague_name} on behalf of {facilitator_name}")
    check(facilitator)

    # When the facilitator withdraws the delegation
    facilitator.goto(live_server.url + reverse("delegations:index", args=[enrolment.uuid]))
    main.get_by_role("link", name=f"Withdraw the delegation to {colleague_name}").click()
    expect(h1(facilitator)).to_contain_text(f"Withdraw the delegation to {colleague_name}")
    check(facilitator)
    main.get_by_role("button", name="Withdraw the delegation").click()
    expect(main).to_contain_text("is withdrawn")
    check(facilitator)

    # Then the delegate can no longer open the portfolio
    delegate.goto(request_url)
    expect(h1(delegate)).not_to_contain_text("Sign-off of")
    response = delegate.request.get(request_url)
    assert response.status == 404
    browser.assert_no_csp_violation()
