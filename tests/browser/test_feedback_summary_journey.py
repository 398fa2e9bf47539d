"""Issue 12, item 9, as a new user would check it, in a real browser under the site's own
Content-Security-Policy: from the learner's feedback page the facilitator opens the patient
feedback summary's signatures (of the second demo learner, whose summary is not signed yet: the
first's is signed in the demo), signs it with their password (a wrong one first), and the learner
signs it too; when a new response comes in, both signatures show as changed since signed and the
learner can sign the summary again.

Every page goes through axe (WCAG 2.2 AA) and no page may report a CSP violation."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coordinated_care.accounts.models import User
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse
from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Enrolment

from .helpers import assert_error_summary_has_focus
from .test_assessment_journey import Browser, check, h1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The second demo learner and their facilitator: the first's summary is signed in the demo already.
LEARNER = "learner2@demo.test"
FACILITATOR = "facilitator2@demo.test"


def patients_feedback(enrolment, needs):
    FeedbackResponse.objects.create(
        enrolment=enrolment,
        audience=FeedbackRequest.Audience.PATIENT,
        received_on=datetime.date.today(),
        source=FeedbackResponse.Source.ONLINE,
        respondent="patient",
        needs=needs,
    )


def test_the_facilitator_and_the_learner_each_sign_the_patient_feedback_summary(new_page, live_server, demo_data):
    browser = Browser(new_page, live_server.url)
    enrolment = Enrolment.objects.get(learner__email=LEARNER)
    feedback_url = live_server.url + reverse("feedback:overview", args=[enrolment.uuid])
    summary_url = live_server.url + reverse("feedback_summary", args=[enrolment.uuid])
    facilitator_name = User.objects.get(email=FACILITATOR).display_name

    # Given four patients' feedback on the learner
    for needs in (5, 4, 4, 3):
        patients_feedback(enrolment, needs)

    # Given the facilitator on the learner's feedback page
    facilitator = browser.signed_in(FACILITATOR)
    facilitator.goto(feedback_url)
    check(facilitator)

    # When they open the summary's signatures
    facilitator.get_by_role("link", name="The summary’s signatures").click()
    expect(facilitator).to_have_url(summary_url)
    expect(h1(facilitator)).to_contain_text("Patient feedback summary")
    main = facilitator.get_by_role("main")
    expect(main).to_contain_text("4 responses")
    expect(main.get_by_text("Not signed yet.")).to_have_count(2)
    check(facilitator)

    # And sign with a wrong password
    facilitator.get_by_label("Your password").fill("not my password")
    main.get_by_role("button", name="Sign the summary").click()

    # Then they are told so
    assert_error_summary_has_focus(facilitator)
    check(facilitator)

    # When they sign with their password
    facilitator.get_by_label("Your password").fill(DEMO_PASSWORD)
    facilitator.get_by_role("main").get_by_role("button", name="Sign the summary").click()

    # Then the facilitator's box carries their signature, and they have nothing more to sign
    expect(facilitator).to_have_url(summary_url)
    main = facilitator.get_by_role("main")
    expect(main.locator(".app-signature")).to_have_count(1)
    expect(main.locator(".app-signature")).to_contain_text(facilitator_name)
    expect(main.locator(".app-signature")).to_contain_text("UTC")
    expect(main.get_by_role("button", name="Sign the summary")).to_have_count(0)
    check(facilitator)

    # When the learner signs it too
    learner = browser.signed_in(LEARNER)
    learner.goto(summary_url)
    check(learner)
    learner.get_by_label("Your password").fill(DEMO_PASSWORD)
    learner.get_by_role("main").get_by_role("button", name="Sign the summary").click()

    # Then both boxes are signed
    expect(learner.get_by_role("main").locator(".app-signature")).to_have_count(2)
    expect(learner.get_by_role("main").get_by_text("Not signed yet.")).to_have_count(0)
    check(learner)

    # When another patient's feedback comes in
    patients_feedback(enrolment, 4)

    # Then both signatures show as changed since signed, and the learner may sign again
    learner.goto(summary_url)
    main = learner.get_by_role("main")
    expect(main).to_contain_text("5 responses")
    expect(main.get_by_text("Changed since signed", exact=True)).to_have_count(2)
    expect(main).to_contain_text("4 responses then, 5 now")
    check(learner)
    learner.get_by_label("Your password").fill(DEMO_PASSWORD)
    main.get_by_role("button", name="Sign the summary").click()
    main = learner.get_by_role("main")
    expect(main.get_by_text("Changed since signed", exact=True)).to_have_count(1)
    expect(main.get_by_role("button", name="Sign the summary")).to_have_count(0)
    check(learner)
