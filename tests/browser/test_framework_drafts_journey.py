"""Issue 12, item 11b: an administrator starts a draft of the framework, changes, adds and moves
its items, compares the draft with the published version and publishes it, in the browser, with
no WCAG 2.2 AA violation on the way; the draft pages work on a phone."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD

from .helpers import assert_accessible, assert_error_summary_has_focus, assert_no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "making-sense-of-coordinated-care"


def test_an_administrator_drafts_compares_and_publishes_a_framework_version(page, live_server, demo_data):
    # Given the administrator reading the published framework
    sign_in(page, live_server.url, "admin@demo.test", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/framework/{SLUG}/v1/")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=2, name="Make a new version")).to_be_visible()
    assert_accessible(page)

    # When they start a new draft
    main.get_by_role("button", name="Start a new draft").click()

    # Then they are on the draft, a copy of the published version
    expect(page).to_have_url(f"{live_server.url}/framework/{SLUG}/v2/draft/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit the draft of")
    expect(page.get_by_role("main")).to_contain_text("PCC.3 Assessing needs and goal")
    assert_accessible(page)

    # When they change a competency's title
    page.get_by_role("link", name=re.compile(r"^Change PCC\.3 ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change PCC.3")
    assert_accessible(page)
    page.get_by_label("Title").fill("Assessing needs and goals")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("main")).to_contain_text("PCC.3 Assessing needs and goals")

    # And add a competency to Communication, forgetting its text at first
    page.get_by_role("link", name=re.compile(r"^Add an item under COM ")).click()
    assert_accessible(page)
    page.get_by_label("Competency").check()
    page.get_by_label("Code").fill("COM.9")
    page.get_by_label("Title").fill("Communicating through digital channels")
    page.get_by_role("button", name="Save").click()
    assert_error_summary_has_focus(page)
    assert_accessible(page)
    page.get_by_label("Text", exact=True).fill("Uses the digital channels people prefer, safely.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("main")).to_contain_text("COM.9 Communicating through digital channels")

    # And move Continuous learning up, before People centred care
    page.get_by_role("button", name="Move up CL Continuous learning").click()
    expect(page.get_by_role("main")).to_contain_text("CL Continuous learning")

    # Then the comparison names what was added and what changed
    page.get_by_role("link", name="Compare the draft with the published version").click()
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("What the draft changes"))
    expect(main).to_contain_text("1 added, 0 removed, 3 changed")
    expect(main).to_contain_text("Communicating through digital channels")
    expect(main).to_contain_text("Assessing needs and goals")
    assert_accessible(page)

    # When they publish it
    main.get_by_role("button", name="Publish version 2").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publish version 2")
    assert_accessible(page)
    page.locator("#publish").get_by_role("button", name="Publish version 2").click()

    # Then version 2 is the published framework, in its new order, and can no longer be edited
    expect(page).to_have_url(f"{live_server.url}/framework/{SLUG}/v2/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Version 2 is published")
    titles = main.locator(".nhsuk-card__heading").all_inner_texts()
    assert [title.strip() for title in titles][:4] == [
        "Communication",
        "Relationships",
        "Continuous learning",
        "People centred care",
    ]
    assert_accessible(page)
    response = page.goto(f"{live_server.url}/framework/{SLUG}/v2/draft/")
    assert response.status == 404


def test_the_draft_pages_fit_a_phone(new_page, live_server, demo_data):
    phone = new_page(phone=True)
    sign_in(phone, live_server.url, "admin@demo.test", DEMO_PASSWORD)
    phone.goto(f"{live_server.url}/framework/{SLUG}/v1/")
    phone.get_by_role("button", name="Start a new draft").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Edit the draft of")
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)
    phone.get_by_role("link", name="Compare the draft with the published version").click()
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)
