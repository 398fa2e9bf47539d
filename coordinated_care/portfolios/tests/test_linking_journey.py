"""Issue 13 as a user would check it, in a real browser on a phone: the demo learner writes a case
study, adds two of the criteria suggested as they type and a third found by searching, says how
each is shown, and saves, in no more than four page loads; then adds evidence from a criterion's
page. Every page passes axe (WCAG 2.2 AA)."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.portfolios.models import Entry, EvidenceLink
from coordinated_care.programmes.models import Enrolment
from tests.browser.helpers import assert_accessible, assert_no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"
COORDINATION = (
    "I signposted them to a befriending service and the social prescribing link worker, and put "
    "their carer in touch with a carers support group."
)


def check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_a_case_study_and_three_criteria_in_four_page_loads_on_a_phone(phone_page, live_server, demo_data):
    page = phone_page
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    enrolment = Enrolment.objects.get(learner__email=LEARNER)
    main = page.get_by_role("main")
    page.goto(f"{live_server.url}/portfolio/{enrolment.uuid}/case-studies/")

    loads = []
    page.on("framenavigated", lambda frame: loads.append(frame.url) if frame == page.main_frame else None)

    # Given the learner writing a case study
    main.get_by_role("button", name="Add a case study").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case study")
    main.get_by_label("Title").fill("Case study: joining up support at home")
    main.get_by_label("Overview of coordination needs").fill("An older person living alone felt isolated.")
    main.get_by_label("Coordination that has taken place").fill(COORDINATION)
    main.get_by_label("Outcomes, reflections and learning").fill("They go to a lunch club each week now.")

    # When the suggestions come as they type (htmx), they add two of them with a tap each
    suggestions = main.locator("#criteria-suggestions")
    expect(suggestions.get_by_role("button", name=re.compile(r"^Add "))).to_have_count(3)
    expect(suggestions).to_contain_text("Because you wrote")
    check(page)
    added = []
    for _ in range(2):
        button = suggestions.get_by_role("button", name=re.compile(r"^Add ")).first
        code = re.match(r"Add (\S+)", button.inner_text()).group(1)
        button.click()
        added.append(code)
        # The box is ticked and asks how the entry shows it, with the cursor in it.
        box = main.get_by_role("checkbox", name=re.compile(rf"^{code} "))
        expect(box).to_be_checked()
        how = main.locator(f"#{box.get_attribute('id').replace('criterion_', 'how_')}")
        expect(how).to_be_focused()
        how.fill(f"The signposting in this case study shows {code}.")

    # And a third they find by searching the criteria
    main.get_by_label("Search the criteria").fill("safeguarding")
    expect(main.get_by_text(re.compile(r"\d+ criteri(on matches|a match)"))).to_be_visible()
    safeguarding = main.get_by_role("checkbox", name=re.compile(r"^CL7 "))
    safeguarding.check()
    main.locator(f"#{safeguarding.get_attribute('id').replace('criterion_', 'how_')}").fill(
        "I checked the person was safe at home before arranging visits."
    )
    check(page)
    main.get_by_role("button", name="Save").click()

    # Then the case study is saved with the three links, in no more than four page loads
    expect(page.get_by_role("heading", level=1)).to_have_text("Case study: joining up support at home")
    expect(main).to_contain_text("Case study saved and linked to 3 criteria")
    check(page)
    assert len(loads) <= 4, loads
    entry = Entry.objects.get(enrolment=enrolment, title="Case study: joining up support at home")
    assert set(EvidenceLink.objects.filter(entry=entry).values_list("criterion__code", flat=True)) == {
        *added,
        "CL7",
    }

    # And from a criterion's page they add the same case study as evidence for it
    page.goto(f"{live_server.url}/portfolio/{enrolment.uuid}/criteria/RS5/")
    check(page)
    main.get_by_label("Which entry shows it").select_option(label="Case study: joining up support at home (case study)")
    main.get_by_label("How this entry shows it").fill("I built a working relationship with the link worker.")
    main.get_by_role("button", name="Add evidence").click()
    expect(main).to_contain_text("added as evidence for RS5")
    check(page)
    assert EvidenceLink.objects.filter(entry=entry, criterion__code="RS5").exists()
