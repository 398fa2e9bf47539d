"""Issue 4 as a new user would check it, in a real browser under the site's own Content-Security-Policy:
the demo learner asks for sign-off of a criterion; their facilitator signs it after re-entering their
password (a wrong one first); the learner then edits the evidence and the sign-off shows as changed
since sign-off; and a supervisor without an account signs the final review through an invitation,
with the link and the 6-digit code read from the e-mail sent (the live server runs in this process,
with the test settings' in-memory e-mail backend).

Every page goes through axe (WCAG 2.2 AA) and no page may report a CSP violation."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from coordinated_care.accounts.models import User
from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Enrolment

from .helpers import CspWatch, assert_accessible_under_csp, assert_error_summary_has_focus, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
FACILITATOR = "facilitator@demo.test"
# Linked by the demo to its reflection and, unlike PC1, PC3 and CS7, not yet put forward for sign-off.
CODE = "RS6"
REFLECTION = "A handover that nearly went wrong"
NOTE = "The reflection shows how I now agree in writing who passes on each message."
COMMENTS = "A clear reflection that has changed how the learner closes each meeting."
CHANGED = "After each meeting I now send a short written summary of who will do what, and by when."
SUPERVISOR = {"Your full name": "Robin Supervisor", "Your role": "Workplace supervisor"}
SUPERVISOR_EMAIL = "robin@example.test"
SELF_ASSESSMENT = "Over six months I have grown in confidence in leading conversations with other teams."
OVERALL = "Consistently person-centred; the evidence comes from two case studies and a reflection."


class Browser:
    """Opens pages for one journey under the site's own Content-Security-Policy and watches every one
    of them for a violation."""

    def __init__(self, new_page, base_url):
        self.new_page = new_page
        self.base_url = base_url
        self.watches = []

    def page(self) -> Page:
        page = self.new_page(bypass_csp=False)
        self.watches.append(CspWatch(page))
        return page

    def signed_in(self, email) -> Page:
        page = self.page()
        sign_in(page, self.base_url, email, DEMO_PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        return page

    def assert_no_csp_violation(self):
        for watch in self.watches:
            watch.assert_none()


def check(page: Page) -> None:
    """What every page must pass: one h1 and axe."""
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible_under_csp(page)


def h1(page: Page):
    return page.get_by_role("heading", level=1)


def fill_date(page: Page, group: str, day) -> None:
    date = page.get_by_role("main").get_by_role("group", name=group)
    date.get_by_label("Day").fill(str(day.day))
    date.get_by_label("Month").fill(str(day.month))
    date.get_by_label("Year").fill(str(day.year))


def last_mail_to(address: str):
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, f"no e-mail to {address}; sent: {[(m.to, m.subject) for m in mail.outbox]}"
    return sent[-1]


def test_sign_off_changed_evidence_and_a_final_review_signed_by_invitation(new_page, live_server, demo_data):
    browser = Browser(new_page, live_server.url)
    today = timezone.localdate()
    enrolment = Enrolment.objects.get(learner__email=LEARNER)
    learner_name = User.objects.get(email=LEARNER).display_name
    criterion_url = live_server.url + reverse("portfolios:criterion", args=[enrolment.uuid, CODE])

    # Given the demo learner on the page of a criterion their reflection is evidence for
    learner = browser.signed_in(LEARNER)
    check(learner)
    learner.goto(criterion_url)
    panel = learner.locator("section", has=learner.get_by_role("heading", name="Sign-off", exact=True))
    expect(panel).to_be_visible()
    check(learner)

    # When they ask for sign-off, putting the reflection forward with a note
    panel.get_by_role("button", name="Ask for sign-off").click()
    expect(h1(learner)).to_contain_text("Ask for sign-off")
    check(learner)
    main = learner.get_by_role("main")
    expect(main.get_by_role("checkbox", name=REFLECTION)).to_be_checked()
    learner.get_by_label("Anything to tell your facilitator (optional)").fill(NOTE)
    main.get_by_role("button", name="Ask for sign-off").click()

    # Then the request is made and their facilitator is e-mailed
    expect(h1(learner)).to_contain_text(f"Sign-off of {CODE}")
    expect(main).to_contain_text(NOTE)
    check(learner)
    request_url = learner.url
    request_path = request_url.removeprefix(live_server.url)
    last_mail_to(FACILITATOR)

    # When the facilitator finds it on their caseload and opens it
    facilitator = browser.signed_in(FACILITATOR)
    check(facilitator)
    facilitator.goto(live_server.url + reverse("assessments:caseload"))
    check(facilitator)
    expect(facilitator.get_by_role("main")).to_contain_text("Sign-off requested")
    facilitator.get_by_role("main").locator(f'a[href="{request_path}"]').first.click()
    expect(facilitator).to_have_url(request_url)
    reading = facilitator.get_by_role("main")
    expect(reading).to_contain_text(NOTE)
    expect(reading).to_contain_text(REFLECTION)
    check(facilitator)

    # And records "achieved", checks it, but gives the wrong password
    reading.get_by_role("radio", name="Achieved", exact=True).check()
    facilitator.get_by_label("Comments and rationale").fill(COMMENTS)
    fill_date(facilitator, "Date achieved", today)
    reading.get_by_role("button", name="Continue").click()
    expect(h1(facilitator)).to_contain_text("Check and sign your decision")
    facilitator.get_by_label("Your password").fill("not-my-password")
    reading.get_by_role("button", name="Sign and record decision").click()

    # Then nothing is signed and they are told why
    assert_error_summary_has_focus(facilitator)
    expect(facilitator.locator(".nhsuk-error-summary")).to_contain_text("The password is not right")
    check(facilitator)

    # When they re-enter their password and sign
    facilitator.get_by_label("Your password").fill(DEMO_PASSWORD)
    reading.get_by_role("button", name="Sign and record decision").click()

    # Then the learner sees the criterion signed off, with the facilitator's signature
    expect(facilitator).to_have_url(request_url)
    expect(facilitator.locator(".nhsuk-error-summary")).to_have_count(0)
    expect(reading).to_contain_text("Signed off")
    expect(reading.get_by_role("button", name="Sign and record decision")).to_have_count(0)
    check(facilitator)
    learner.goto(request_url)
    expect(main).to_contain_text("Signed off")
    expect(main).to_contain_text(COMMENTS)
    expect(main).to_contain_text("UTC")
    expect(main).not_to_contain_text("Evidence changed since sign-off")
    check(learner)

    # When the learner changes the reflection they put forward
    main.get_by_role("link", name=REFLECTION).click()
    expect(h1(learner)).to_have_text(REFLECTION)
    check(learner)
    main.get_by_role("button", name="Change", exact=True).click()
    check(learner)
    learner.get_by_label("What will you do next?", exact=True).fill(CHANGED)
    learner.get_by_role("button", name="Save").click()
    expect(main).to_contain_text(CHANGED)
    check(learner)

    # Then the sign-off shows the evidence changed since it was signed, and is not carried over
    learner.goto(request_url)
    expect(main).to_contain_text("Evidence changed since sign-off")
    expect(main).to_contain_text("Not carried over")
    check(learner)
    learner.goto(criterion_url)
    expect(main).to_contain_text("Evidence changed since sign-off")
    check(learner)

    # When the facilitator starts the final review from the learner's reviews and writes their part
    facilitator.goto(live_server.url + reverse("assessments:reviews", args=[enrolment.uuid]))
    check(facilitator)
    facilitator.get_by_role("button", name="Start the final review").click()
    expect(h1(facilitator)).to_contain_text("Final review")
    check(facilitator)
    edit_url = facilitator.url
    fill_date(facilitator, "Date of the review", today)
    facilitator.get_by_label("Overall comments").fill(OVERALL)
    for n in (1, 2, 3):
        facilitator.locator(f"input[name=checklist_{n}_ticked]").check()
        facilitator.locator(f"input[name=checklist_{n}_facilitator_initials]").fill("AF")
    facilitator.get_by_role("main").get_by_role("button", name="Save").click()
    expect(facilitator).not_to_have_url(edit_url)
    review_url = facilitator.url
    expect(facilitator.get_by_role("main")).to_contain_text(OVERALL)
    check(facilitator)

    # And the learner writes theirs
    learner.goto(review_url)
    check(learner)
    main.get_by_role("button", name="Write your part").click()
    check(learner)
    learner.get_by_label("Learner's self-assessment and reflection on progress").fill(SELF_ASSESSMENT)
    for n in (1, 2, 3):
        learner.locator(f"input[name=checklist_{n}_coordinator_initials]").fill("TL")
    main.get_by_role("button", name="Save").click()
    expect(learner).to_have_url(review_url)
    expect(main).to_contain_text(SELF_ASSESSMENT)
    check(learner)

    # And both sign it with their passwords
    for page in (learner, facilitator):
        page.goto(review_url)
        page.get_by_role("main").get_by_role("button", name=re.compile(r"^Sign as ")).click()
        expect(h1(page)).to_contain_text("Sign the final review")
        check(page)
        page.get_by_label("Your password").fill(DEMO_PASSWORD)
        page.get_by_role("main").get_by_role("button", name="Sign", exact=True).click()
        expect(page).to_have_url(review_url)
        check(page)

    # And the facilitator invites a workplace supervisor who has no account
    facilitator.get_by_role("link", name="Invite someone without an account to sign").click()
    expect(h1(facilitator)).to_contain_text("Invite an additional signatory")
    check(facilitator)
    facilitator.get_by_label("Full name").fill(SUPERVISOR["Your full name"])
    facilitator.get_by_label("E-mail address").fill(SUPERVISOR_EMAIL)
    facilitator.get_by_role("button", name="Send the invitation").click()
    expect(facilitator.get_by_role("main")).to_contain_text(f"{SUPERVISOR['Your full name']}: invited")
    check(facilitator)

    # Then the supervisor is e-mailed a link, which asks them for a code sent by e-mail
    link = re.search(r"https?://\S+(/assessments/sign/[^/\s]+/)", last_mail_to(SUPERVISOR_EMAIL).body).group(1)
    supervisor = browser.page()
    supervisor.goto(live_server.url + link)
    expect(h1(supervisor)).to_have_text("Sign a review")
    check(supervisor)
    sent_before = len(mail.outbox)
    supervisor.get_by_role("button", name="Send me a code").click()
    expect(h1(supervisor)).to_have_text("Enter your code")
    check(supervisor)
    assert len(mail.outbox) > sent_before
    code = re.search(r"Your code is (\d{6})", last_mail_to(SUPERVISOR_EMAIL).body).group(1)

    # When they enter the code, read the review and sign it
    supervisor.get_by_label("Code", exact=True).fill(code)
    supervisor.get_by_role("button", name="Continue").click()
    expect(h1(supervisor)).to_contain_text("Sign the final review")
    signing = supervisor.get_by_role("main")
    expect(signing).to_contain_text(SELF_ASSESSMENT)
    expect(signing).to_contain_text(OVERALL)
    check(supervisor)
    for label, text in SUPERVISOR.items():
        supervisor.get_by_label(label).fill(text)
    signing.get_by_role("checkbox", name="I have read this review and I agree that it is an accurate record").check()
    signing.get_by_role("button", name="Sign the review").click()

    # Then they are thanked, and the link no longer works
    expect(signing).to_contain_text("You have signed the review")
    check(supervisor)
    response = supervisor.goto(live_server.url + link)
    assert response.status == 410, f"a used invitation link gave {response.status}"
    expect(h1(supervisor)).to_have_text("This link does not work")
    expect(signing).to_contain_text("It has already been used")
    expect(supervisor.locator("body")).not_to_contain_text(SELF_ASSESSMENT)
    check(supervisor)

    # And the learner sees the final review fully signed, by the supervisor by invitation
    learner.goto(review_url)
    expect(main).to_contain_text("Fully signed")
    expect(main).to_contain_text(f"By invitation as {SUPERVISOR['Your full name']}")
    check(learner)
    expect(h1(facilitator)).to_contain_text(learner_name)

    browser.assert_no_csp_violation()
