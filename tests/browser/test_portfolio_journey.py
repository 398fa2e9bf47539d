"""Issue 3 as a new user would check it, in a real browser under the site's own Content-Security-Policy:
the demo learner writes a case study (on a phone), links it to three criteria, fills in part of the
values worksheet and adds an overdue action, then finds all of it on their home page; their
facilitator reads the case study and another learner is refused. Then "nothing lost": writing
survives a reload, and leaving a page with unsaved writing asks first. (When the session ends, the
device keeps no draft and the learner is told to copy their writing: portfolios/tests/test_journey.py.)

Every page goes through axe (WCAG 2.2 AA) and no page may report a CSP violation."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from coordinated_care.accounts.models import User
from coordinated_care.nonprod.demo import DEMO_PASSWORD

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
OTHER_LEARNER = "learner2@demo.test"  # enrolled in the same cohort, with another facilitator

CASE_STUDY = {
    "Title": "Case study 2: a carer's breaks",
    "Overview of coordination needs": (
        "A person caring for their partner at home told the practice they had not had a break in months "
        "and were finding it hard to keep up with appointments."
    ),
    "Coordination that has taken place": (
        "We talked about what a break would look like for them. I referred them to the local carers' "
        "centre for a carer's assessment, booked a double appointment so both could be seen together and "
        "shared the plan with the district nursing team."
    ),
    "Outcomes, reflections and learning": (
        "They now have a sitting service one afternoon a week. I learned to ask the carer what matters to "
        "them, not only the person they care for."
    ),
}
# Criteria the demo portfolio has no evidence for yet, so each link adds one to the home page's count.
CRITERIA = {
    "PC2": "Asking the carer what matters to them shaped the plan.",
    "PC4": "The referral and the double appointment were made within the week.",
    "CS5": "I explained the options in plain words and checked what they understood.",
}
# Two values of the worksheet that the demo learner has not started.
VALUES = {
    "Rights": (
        "Everyone is entitled to be treated fairly and to have a say in their care.",
        "People who know their rights can ask for the support they are entitled to.",
    ),
    "Privacy": (
        "Keeping what people tell us to those who need to know it.",
        "Trust in the coordinator depends on it, and people share more when they feel safe.",
    ),
}
ACTION = {
    "Area of focus": "Carers' support in the practice",
    "Actions to be taken": "Meet the carers' lead and list the support the practice can offer.",
    "Help to get there": "Practice-based facilitator to introduce me to the carers' lead.",
    "Success measurement": "A one-page list shared with the team and discussed at my next review.",
}


class Browser:
    """Opens pages for one journey under the site's own Content-Security-Policy and watches every one
    of them for a violation."""

    def __init__(self, new_page, base_url):
        self.new_page = new_page
        self.base_url = base_url
        self.watches = []

    def signed_in(self, email, phone=False) -> Page:
        page = self.new_page(phone=phone, bypass_csp=False)
        self.watches.append(CspWatch(page))
        sign_in(page, self.base_url, email, DEMO_PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        return page

    def assert_no_csp_violation(self):
        for watch in self.watches:
            watch.assert_none()


def check(page: Page) -> None:
    """What every page must pass: one h1, axe, and on a phone no sideways scrolling."""
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible_under_csp(page)
    if page.viewport_size["width"] < 640:
        assert_no_horizontal_scroll(page)


def summary_value(page: Page, key: str) -> str:
    """The value beside `key` in the progress summary list."""
    row = page.get_by_role("main").locator(".nhsuk-summary-list__row", has=page.locator("dt", has_text=key))
    return row.locator("dd").inner_text().strip()


def criteria_with_evidence(page: Page) -> int:
    return int(re.fullmatch(r"(\d+) of \d+", summary_value(page, "Criteria with evidence")).group(1))


def case_studies_written(page: Page) -> int:
    item = page.get_by_role("main").locator(".nhsuk-task-list__item", has_text="Case studies")
    return int(re.search(r"(\d+) of at least \d+", item.inner_text()).group(1))


def open_section(page: Page, name: str) -> None:
    """From the portfolio overview, the first link of that name: the Sections list comes first."""
    page.get_by_role("main").get_by_role("link", name=name, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def day_month_year(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def test_the_learner_builds_their_portfolio_and_sees_it_on_their_home_page(new_page, live_server, demo_data):
    browser = Browser(new_page, live_server.url)
    today = timezone.localdate()
    due = today - datetime.timedelta(days=14)

    # Given the demo learner, signed in at a desktop, on their home page
    desk = browser.signed_in(LEARNER)
    expect(desk).to_have_url(f"{live_server.url}/learner/")
    check(desk)
    evidence_before = criteria_with_evidence(desk)
    case_studies_before = case_studies_written(desk)

    # When they open their portfolio
    desk.get_by_role("link", name="Open your portfolio").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Your portfolio")
    check(desk)
    portfolio_url = desk.url

    # And, on their phone, write a new case study, first forgetting what it needs
    phone = browser.signed_in(LEARNER, phone=True)
    check(phone)
    phone.get_by_role("link", name="Open your portfolio").click()
    check(phone)
    open_section(phone, "Case studies")
    check(phone)
    phone.get_by_role("main").get_by_role("button", name="Add a case study").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Add a case study")
    check(phone)
    phone.get_by_role("button", name="Save").click()
    assert_error_summary_has_focus(phone)
    expect(phone.locator(".nhsuk-error-summary")).to_contain_text("Enter a title for the case study")
    check(phone)
    for label, text in CASE_STUDY.items():
        phone.get_by_label(label, exact=True).fill(text)
    check(phone)
    phone.get_by_role("button", name="Save").click()

    # Then the case study is saved and reads well on the phone
    expect(phone.get_by_role("heading", level=1)).to_have_text(CASE_STUDY["Title"])
    expect(phone.get_by_role("main")).to_contain_text("Case study saved")
    for text in list(CASE_STUDY.values())[1:]:
        expect(phone.get_by_role("main")).to_contain_text(text)
    check(phone)
    entry_url = phone.url
    assert entry_url.startswith(portfolio_url + "entries/"), entry_url

    # When, back at the desktop, they link it to three criteria, first leaving out how one shows it
    open_section(desk, "Case studies")
    check(desk)
    desk.get_by_role("link", name=CASE_STUDY["Title"]).click()
    expect(desk).to_have_url(entry_url)
    check(desk)
    desk.get_by_role("button", name="Link to criteria").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Which criteria does this show?")
    check(desk)
    main = desk.get_by_role("main")
    for code, how in CRITERIA.items():
        box = main.get_by_role("checkbox", name=re.compile(rf"^{code} "))
        box.check()
        # The NHS.UK conditional reveal shows the box for how this entry shows the criterion.
        how_field = desk.locator(f"#{box.get_attribute('aria-controls')}").get_by_label("How this entry shows it")
        expect(how_field).to_be_visible()
        if code != "CS5":
            how_field.fill(how)
    desk.get_by_role("button", name="Save").click()
    assert_error_summary_has_focus(desk)
    expect(desk.locator(".nhsuk-error-summary")).to_contain_text("Enter how this entry shows CS5")
    check(desk)
    cs5 = main.get_by_role("checkbox", name=re.compile(r"^CS5 "))
    desk.locator(f"#{cs5.get_attribute('aria-controls')}").get_by_label("How this entry shows it").fill(CRITERIA["CS5"])
    desk.get_by_role("button", name="Save").click()

    # Then the case study shows how it evidences each of the three
    expect(desk).to_have_url(entry_url)
    expect(main).to_contain_text("this entry is linked to 3 criteria")
    for code, how in CRITERIA.items():
        expect(main.get_by_role("link", name=re.compile(rf"^{code} "))).to_be_visible()
        expect(main).to_contain_text(how)
    check(desk)

    # When they fill in two more values of the values worksheet
    desk.goto(portfolio_url)
    open_section(desk, "Key values of person-centred care worksheet")
    check(desk)
    for value, (what, why) in VALUES.items():
        group = main.get_by_role("group", name=value, exact=True)
        group.get_by_label("What is it?").fill(what)
        group.get_by_label("Why is it important to care coordination?").fill(why)
    desk.get_by_role("button", name="Save the worksheet").click()

    # Then the worksheet keeps them as a new version
    expect(main).to_contain_text(re.compile(r"Values worksheet saved as version \d+"))
    for value, (what, why) in VALUES.items():
        group = main.get_by_role("group", name=value, exact=True)
        expect(group.get_by_label("What is it?")).to_have_value(what)
        expect(group.get_by_label("Why is it important to care coordination?")).to_have_value(why)
    check(desk)

    # When they add an action whose date to complete has already passed
    desk.goto(portfolio_url)
    open_section(desk, "Action plan")
    check(desk)
    main.get_by_role("button", name="Add an action").click()
    check(desk)
    for label, text in ACTION.items():
        desk.get_by_label(label, exact=True).fill(text)
    date = main.get_by_role("group", name="Date to be completed or reviewed")
    date.get_by_label("Day").fill(str(due.day))
    date.get_by_label("Month").fill(str(due.month))
    date.get_by_label("Year").fill(str(due.year))
    desk.get_by_role("button", name="Save").click()

    # Then the action is saved and shown as overdue
    expect(desk.get_by_role("heading", level=1)).to_have_text(ACTION["Area of focus"])
    expect(main.get_by_role("heading", name=re.compile(r"\bOverdue$"))).to_be_visible()
    expect(main).to_contain_text("The date to complete or review this action has passed")
    check(desk)

    # When they go back to their home page
    desk.get_by_role("banner").get_by_role("link", name="Home", exact=True).click()
    expect(desk).to_have_url(f"{live_server.url}/learner/")
    check(desk)

    # Then it shows three more criteria with evidence, one more case study and the overdue action
    assert criteria_with_evidence(desk) == evidence_before + len(CRITERIA)
    assert case_studies_written(desk) == case_studies_before + 1
    # The NHS.UK warning callout is a card with a heading.
    overdue = desk.get_by_role("main").locator(
        ".nhsuk-card", has=desk.get_by_role("heading", name=re.compile(r"\bOverdue actions$"))
    )
    expect(overdue.get_by_role("link", name=ACTION["Area of focus"])).to_be_visible()
    expect(overdue).to_contain_text(f"{ACTION['Area of focus']}, due {day_month_year(due)}")
    # And each criterion now linked shows its evidence
    for code in CRITERIA:
        criterion = desk.get_by_role("main").locator(".nhsuk-task-list__item", has_text=re.compile(rf"^\s*{code} "))
        expect(criterion).to_contain_text("1 evidence")

    # When their practice-based facilitator signs in and opens the learner's portfolio from their home page
    learner_name = User.objects.get(email=LEARNER).display_name
    facilitator = browser.signed_in(FACILITATOR)
    check(facilitator)
    facilitator.get_by_role("main").get_by_role("link", name=learner_name).click()
    expect(facilitator).to_have_url(portfolio_url)
    check(facilitator)
    open_section(facilitator, "Case studies")
    check(facilitator)
    facilitator.get_by_role("link", name=CASE_STUDY["Title"]).click()

    # Then they can read the new case study and how it shows each criterion, but not change it
    expect(facilitator).to_have_url(entry_url)
    expect(facilitator.get_by_role("heading", level=1)).to_have_text(CASE_STUDY["Title"])
    reading = facilitator.get_by_role("main")
    for text in [*list(CASE_STUDY.values())[1:], *CRITERIA.values()]:
        expect(reading).to_contain_text(text)
    expect(reading.get_by_role("button", name="Change", exact=True)).to_have_count(0)
    check(facilitator)

    # But another learner is refused every page of it
    other = browser.signed_in(OTHER_LEARNER)
    for url in (
        portfolio_url,
        entry_url,
        f"{entry_url}change/",
        f"{entry_url}evidence/",
        f"{portfolio_url}values-worksheet/",
    ):
        response = other.goto(url)
        assert response.status in (403, 404), f"{OTHER_LEARNER} got {response.status} at {url}"
        expect(other.locator("body")).not_to_contain_text(CASE_STUDY["Title"])
        check(other)

    browser.assert_no_csp_violation()


# Nothing lost (issue 3, item 6). A piece of writing long enough to matter, in several paragraphs.
LONG_WRITING = "\n\n".join(
    [
        "Over four weeks I met the person three times, twice at the practice and once by telephone, to "
        "understand what a good week would look like for them and what was getting in the way of it.",
        "I contacted the community nursing team to agree who would visit and when, asked the practice "
        "pharmacist to review their medicines with them, and referred them to the befriending scheme run "
        "by the local voluntary sector hub after they said that the evenings were the hardest part.",
        "I kept the plan in one place and shared it, with their agreement, with everyone involved, so that "
        "each of us knew who was doing what and by when. When the visit times changed I told them the same day.",
    ]
)


class Dialogs:
    """Answers the 'Leave site?' question (beforeunload) as the learner chooses, and counts each time
    it is asked."""

    def __init__(self, page: Page):
        self.asked = []
        self.leave = False
        page.on("dialog", self._answer)

    def _answer(self, dialog):
        self.asked.append(dialog.type)
        if self.leave:
            dialog.accept()
        else:
            dialog.dismiss()


def draft_status(page: Page):
    return page.locator("[data-portfolio-draft-status]")


def test_writing_survives_a_reload_and_leaving_asks_first(new_page, live_server, demo_data):
    browser = Browser(new_page, live_server.url)
    page = browser.signed_in(LEARNER)
    dialogs = Dialogs(page)

    # Given the learner is adding to the case study the demo portfolio already holds
    page.get_by_role("link", name="Open your portfolio").click()
    open_section(page, "Case studies")
    page.get_by_role("main").get_by_role("link", name=re.compile(r"^Case study 1:")).click()
    entry_url = page.url
    page.get_by_role("main").get_by_role("button", name="Change", exact=True).click()
    form_url = page.url
    check(page)
    outcomes = page.get_by_label("Outcomes, reflections and learning", exact=True)
    saved_text = outcomes.input_value()

    # When they write a long paragraph more, and the server has kept the draft
    outcomes.fill(saved_text + "\n\n" + LONG_WRITING[:-60])
    outcomes.press("Control+End")
    outcomes.press_sequentially(LONG_WRITING[-60:])
    expect(draft_status(page)).to_have_text("Draft saved.", timeout=20_000)

    # And they try to leave the page before saving
    page.get_by_role("link", name="Cancel").click()

    # Then they are asked first, and choosing to stay keeps every word
    assert dialogs.asked == ["beforeunload"], dialogs.asked
    expect(page).to_have_url(form_url)
    expect(outcomes).to_have_value(saved_text + "\n\n" + LONG_WRITING)

    # When they reload the page, agreeing to leave it
    dialogs.leave = True
    page.reload()

    # Then the saved version is shown and their unsaved writing is offered back
    expect(outcomes).to_have_value(saved_text)
    banner = page.locator('[data-portfolio-draft-banner="server"]')
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("You have unsaved writing from")
    check(page)

    # When they restore it
    banner.get_by_role("link", name="Restore it").click()

    # Then every word is back, and they are told to save it to keep it
    expect(outcomes).to_have_value(saved_text + "\n\n" + LONG_WRITING)
    expect(page.get_by_role("main")).to_contain_text("is back in the form. Save it to keep it.")
    check(page)

    # And leaving without saving still asks first
    dialogs.leave = False
    asked = len(dialogs.asked)
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(re.compile(re.escape(form_url)))
    assert dialogs.asked[asked:] == ["beforeunload"], dialogs.asked

    # When they save
    page.get_by_role("button", name="Save").click()

    # Then the case study has a new version with their writing, and no question was asked
    expect(page).to_have_url(entry_url)
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"Case study saved as version \d+"))
    expect(page.get_by_role("main")).to_contain_text("each of us knew who was doing what")
    assert dialogs.asked[asked:] == ["beforeunload"], dialogs.asked
    check(page)
    browser.assert_no_csp_violation()


def test_a_part_filled_values_worksheet_shows_as_started_on_the_home_page(new_page, live_server, demo_data):
    browser = Browser(new_page, live_server.url)
    page = browser.signed_in(LEARNER)

    # Given the learner fills in two more values of their worksheet (the demo has started it)
    page.get_by_role("link", name="Open your portfolio").click()
    open_section(page, "Key values of person-centred care worksheet")
    main = page.get_by_role("main")
    for value, (what, why) in VALUES.items():
        group = main.get_by_role("group", name=value, exact=True)
        group.get_by_label("What is it?").fill(what)
        group.get_by_label("Why is it important to care coordination?").fill(why)
    page.get_by_role("button", name="Save the worksheet").click()
    expect(main).to_contain_text(re.compile(r"Values worksheet saved as version \d+"))

    # Then their portfolio says the worksheet is started
    page.goto(f"{live_server.url}/learner/")
    page.get_by_role("link", name="Open your portfolio").click()
    sections = main.locator("li", has=page.get_by_role("link", name="Key values of person-centred care worksheet"))
    expect(sections.first).to_contain_text("Started")

    # And so does their home page: it is in progress, not "Not started"
    page.get_by_role("banner").get_by_role("link", name="Home", exact=True).click()
    worksheet = main.locator(".nhsuk-task-list__item", has_text="Key values of person-centred care worksheet")
    expect(worksheet).to_have_count(1)
    expect(worksheet).not_to_contain_text("Not started")
    expect(worksheet).to_contain_text("In progress")
    check(page)
    browser.assert_no_csp_violation()
