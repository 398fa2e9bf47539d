"""Issue 12, items 1 and 10, as a new user would check them, in a real browser under the site's own
Content-Security-Policy: the demo facilitator comments on and signs the learner's interprofessional
record (an empty form first); the learner writes a critical reflection on a shortfall; the
facilitator agrees it; the workplace supervisor finds it on their home's to-do list and confirms it.

Every page goes through axe (WCAG 2.2 AA) and no page may report a CSP violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Enrolment

from .helpers import assert_error_summary_has_focus
from .test_assessment_journey import Browser, check, h1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
FACILITATOR = "facilitator@demo.test"
SUPERVISOR = "supervisor@demo.test"
CODE = "PC4"
COMMENTS = "Working with the community matron early saved repeated visits; keep the weekly call going."
REFLECTION = (
    "I had no transition of care to coordinate during the programme. With my supervisor I looked at why, "
    "and I will shadow the discharge team to see one through."
)


def test_record_comments_and_a_critical_reflection_agreed_and_confirmed(new_page, live_server, demo_data):
    browser = Browser(new_page, live_server.url)
    enrolment = Enrolment.objects.get(learner__email=LEARNER)
    record = Entry.objects.filter(enrolment=enrolment, kind=Entry.Kind.INTERPROFESSIONAL_RECORD).first()
    record_url = live_server.url + reverse("portfolios:entry", args=[enrolment.uuid, record.uuid])

    # Given the facilitator on the learner's interprofessional record, not yet commented on
    facilitator = browser.signed_in(FACILITATOR)
    facilitator.goto(record_url)
    main = facilitator.get_by_role("main")
    expect(main.get_by_role("heading", name="Practice-based facilitator comments")).to_be_visible()
    expect(main).to_contain_text("has not commented on and signed this record yet")
    check(facilitator)

    # When they open the form and sign with nothing filled in
    main.get_by_role("button", name="Comment on and sign this record").click()
    expect(h1(facilitator)).to_contain_text("Comment on and sign the record")
    check(facilitator)
    facilitator.get_by_role("main").get_by_role("button", name="Sign").click()

    # Then they are told what is missing
    assert_error_summary_has_focus(facilitator)
    check(facilitator)

    # When they comment and sign with their password
    facilitator.get_by_label("Your comments on the record").fill(COMMENTS)
    facilitator.get_by_label("Your password").fill(DEMO_PASSWORD)
    facilitator.get_by_role("main").get_by_role("button", name="Sign").click()

    # Then the record shows their comments and signature
    expect(facilitator).to_have_url(record_url)
    main = facilitator.get_by_role("main")
    expect(main).to_contain_text(COMMENTS)
    expect(main.locator(".app-signature")).to_contain_text("Sam Demo-Facilitator")
    expect(main.locator(".app-signature")).to_contain_text("UTC")
    check(facilitator)

    # Given the learner on a criterion they cannot show in practice
    learner = browser.signed_in(LEARNER)
    learner.goto(live_server.url + reverse("portfolios:criterion", args=[enrolment.uuid, CODE]))
    check(learner)

    # When they write their critical reflection on the shortfall
    learner.get_by_role("link", name="Write a critical reflection on the shortfall").click()
    expect(h1(learner)).to_contain_text("Your critical reflection on the shortfall")
    check(learner)
    learner.get_by_label("Your critical reflection on the shortfall").fill(REFLECTION)
    learner.get_by_role("button", name="Save your reflection").click()

    # Then it waits for the facilitator
    expect(h1(learner)).to_contain_text("Critical reflection on the shortfall")
    expect(learner.get_by_role("main")).to_contain_text("Waiting for the facilitator to agree")
    check(learner)
    reflection_url = learner.url

    # When the facilitator agrees it with their password
    facilitator.goto(reflection_url)
    check(facilitator)
    facilitator.get_by_role("button", name="Agree the reflection").click()
    expect(h1(facilitator)).to_contain_text("Agree the reflection")
    check(facilitator)
    facilitator.get_by_label("Your password").fill(DEMO_PASSWORD)
    facilitator.get_by_role("main").get_by_role("button", name="Sign").click()
    expect(facilitator.get_by_role("main")).to_contain_text("Waiting for the supervisor to confirm")
    check(facilitator)

    # Then the supervisor finds it waiting on their home, beside the demo's own
    supervisor = browser.signed_in(SUPERVISOR)
    supervisor.goto(live_server.url + reverse("supervisor_home"))
    check(supervisor)
    waiting = supervisor.get_by_role("link", name=f"Confirm the critical reflection on the shortfall in {CODE}")
    expect(supervisor.get_by_role("main")).to_contain_text("Confirm the critical reflection on the shortfall in CL2")
    waiting.click()
    expect(supervisor).to_have_url(reflection_url)
    check(supervisor)

    # When they confirm it with their password
    supervisor.get_by_role("button", name="Confirm the reflection").click()
    check(supervisor)
    supervisor.get_by_label("Your password").fill(DEMO_PASSWORD)
    supervisor.get_by_role("main").get_by_role("button", name="Sign").click()

    # Then the reflection is agreed and confirmed, and no longer waits for them
    main = supervisor.get_by_role("main")
    expect(main).to_contain_text("Agreed and confirmed")
    expect(main).to_contain_text("Chris Demo-Supervisor")
    check(supervisor)
    supervisor.goto(live_server.url + reverse("supervisor_home"))
    expect(waiting).to_have_count(0)
    check(supervisor)
    browser.assert_no_csp_violation()
