"""Issue 12, item 10, as a new user would check it, in a real browser under the site's own
Content-Security-Policy: the demo learner and facilitator have written their parts of the final
review; the workplace supervisor finds "Write your comments on the final review" waiting on their
home, writes them, then finds the review waiting for their signature as the additional signatory
and signs it; then nothing about it waits for them. The facilitator's caseload links the
interprofessional record waiting for their comments to where they comment on it.

Every page goes through axe (WCAG 2.2 AA) and no page may report a CSP violation."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coordinated_care.assessments.models import Review
from coordinated_care.assessments.services import reviews as review_services
from coordinated_care.assessments.tests.helpers import FINAL_CONTENT
from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Enrolment

from .test_assessment_journey import Browser, check, h1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
FACILITATOR = "facilitator@demo.test"
SUPERVISOR = "supervisor@demo.test"
OVERALL = "Person-centred throughout; the case studies and colleagues' feedback show it in every domain."


def _final_review_without_supervisor_comments(enrolment):
    facilitator, learner = enrolment.facilitator, enrolment.learner
    review = review_services.create_review(enrolment=enrolment, kind=Review.Kind.FINAL, user=facilitator)
    content = {k: v for k, v in FINAL_CONTENT.items() if k != "supervisor_comments"}
    review = review_services.update_review(
        review, user=facilitator, seen_version=1, data=content, held_on=timezone.localdate()
    )
    return review_services.update_review(review, user=learner, seen_version=review.version, data=content)


def test_the_supervisor_comments_on_and_signs_the_final_review_from_their_home(new_page, live_server, demo_data):
    browser = Browser(new_page, live_server.url)
    enrolment = Enrolment.objects.get(learner__email=LEARNER)
    review = _final_review_without_supervisor_comments(enrolment)
    home = live_server.url + reverse("supervisor_home")

    # Given the supervisor on their home
    supervisor = browser.signed_in(SUPERVISOR)
    supervisor.goto(home)
    check(supervisor)

    # When they follow what waits for their comments
    supervisor.get_by_role("link", name="Write your comments on the final review").click()
    expect(h1(supervisor)).to_contain_text("Final review")
    check(supervisor)
    supervisor.get_by_label("Overall comments").fill(OVERALL)
    supervisor.get_by_role("main").get_by_role("button", name="Save").click()
    expect(supervisor).to_have_url(live_server.url + reverse("assessments:review", args=[review.uuid]))
    expect(supervisor.get_by_role("main")).to_contain_text(OVERALL)
    check(supervisor)

    # Then their home asks for their signature instead, and they sign with their password
    supervisor.goto(home)
    expect(supervisor.get_by_role("link", name="Write your comments on the final review")).to_have_count(0)
    signing = supervisor.get_by_role("link", name="as the additional signatory")
    expect(signing).to_contain_text("Sign the final review held on")
    check(supervisor)
    signing.click()
    expect(h1(supervisor)).to_contain_text("Sign the final review")
    check(supervisor)
    supervisor.get_by_label("Your password").fill(DEMO_PASSWORD)
    supervisor.get_by_role("main").get_by_role("button", name="Sign", exact=True).click()
    expect(supervisor).to_have_url(live_server.url + reverse("assessments:review", args=[review.uuid]))
    check(supervisor)

    # And nothing about the final review waits for them any more
    supervisor.goto(home)
    expect(supervisor.get_by_role("main")).not_to_contain_text("final review")
    check(supervisor)

    # The facilitator's caseload links the record waiting for their comments to where they give them
    facilitator = browser.signed_in(FACILITATOR)
    facilitator.goto(live_server.url + reverse("assessments:caseload"))
    check(facilitator)
    facilitator.get_by_role("link", name="Interprofessional record").first.click()
    expect(h1(facilitator)).to_contain_text("Comment on and sign the record")
    check(facilitator)
    browser.assert_no_csp_violation()


def test_the_learner_asks_their_supervisor_for_feedback_and_they_give_it_from_their_home(
    new_page, live_server, demo_data
):
    """Issue 12, item 10's last gap: feedback asked of the supervisor waits on their home."""
    browser = Browser(new_page, live_server.url)
    enrolment = Enrolment.objects.get(learner__email=LEARNER)
    supervisor_name = enrolment.supervisor.display_name

    # Given the learner asking for a member of staff's feedback, addressed to their supervisor
    learner = browser.signed_in(LEARNER)
    learner.goto(live_server.url + reverse("feedback:new_request", args=[enrolment.uuid, "staff"]))
    check(learner)
    learner.get_by_label(f"Ask my workplace supervisor ({supervisor_name})").check()
    learner.get_by_role("button", name="Make the link").click()
    expect(learner.get_by_role("main")).to_contain_text(f"your workplace supervisor, {supervisor_name}")
    check(learner)

    # When the supervisor follows 'Give feedback' from their home and answers
    supervisor = browser.signed_in(SUPERVISOR)
    home = live_server.url + reverse("supervisor_home")
    supervisor.goto(home)
    expect(supervisor.get_by_role("main")).to_contain_text(
        f"{enrolment.learner.display_name} asked for your feedback on"
    )
    check(supervisor)
    supervisor.get_by_role("link", name="Give feedback").click()
    expect(h1(supervisor)).to_contain_text("Give feedback")
    check(supervisor)
    supervisor.get_by_role("button", name="Send feedback").click()
    expect(supervisor.get_by_role("main")).to_contain_text("Enter your role")
    check(supervisor)
    supervisor.get_by_label("Your role").fill("Practice manager")
    supervisor.get_by_label("Input the care coordinator has had").fill("Led the weekly huddle and followed it up.")
    supervisor.get_by_role("button", name="Send feedback").click()
    expect(supervisor).to_have_url(home)

    # Then it no longer waits for them, and the learner's ongoing feedback from staff holds it
    expect(supervisor.get_by_role("link", name="Give feedback")).to_have_count(0)
    check(supervisor)
    learner.goto(live_server.url + reverse("portfolios:section", args=[enrolment.uuid, "staff-feedback"]))
    expect(learner.get_by_role("main")).to_contain_text("Led the weekly huddle and followed it up.")
    check(learner)
    browser.assert_no_csp_violation()
