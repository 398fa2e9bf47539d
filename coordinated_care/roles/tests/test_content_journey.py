"""Issue 12, item 11 (its last part), in a real browser: the demo administrator opens a new draft of
the framework, rewrites a competency's responsibility and adds an interview question, forgetting
part of it at first, sees both on the comparison, and publishes the draft. A role profile built on
the new version says the new words; the demo's profile on the old version says what it said. Every
page passes the WCAG 2.2 AA checks; the content page fits a phone."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.accounts.models import Organisation
from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.roles import services
from coordinated_care.roles.models import RoleProfile
from tests.browser.helpers import (
    assert_accessible,
    assert_error_summary_has_focus,
    assert_no_horizontal_scroll,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "making-sense-of-coordinated-care"
RESPONSIBILITY = "Agree with each person how and when they want to be contacted, and keep to it."
QUESTION = "Tell us about a time you changed how you kept in touch with someone."


def job_description(page, base_url, profile):
    page.goto(f"{base_url}/roles/{profile.slug}/documents/job-description/")
    return page.get_by_role("main")


def test_an_administrator_edits_a_competencys_content_in_a_draft_and_publishes_it(page, live_server, demo_data):
    old_profile = RoleProfile.objects.get(organisation__kind=Organisation.Kind.PCN, versions__title="Care coordinator")
    assert services.current_version(old_profile).framework_version.number == 1

    # Given the administrator on a new draft of the framework
    sign_in(page, live_server.url, "admin@demo.test", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/framework/{SLUG}/v1/")
    page.get_by_role("main").get_by_role("button", name="Start a new draft").click()
    expect(page).to_have_url(f"{live_server.url}/framework/{SLUG}/v2/draft/")

    # When they open the role profile content of COM.1
    page.get_by_role("link", name=re.compile(r"^Role profile content of COM\.1 ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Role profile content of COM.1")
    main = page.get_by_role("main")
    expect(main).to_contain_text("The draft uses the content of version 1 until you change it here")
    assert_accessible(page)

    # And rewrite its responsibility
    page.get_by_label("Responsibility").fill(RESPONSIBILITY)
    page.get_by_role("button", name="Save the content").click()
    expect(page.locator(".nhsuk-inset-text")).to_contain_text("These are the draft's own words")
    expect(page.get_by_label("Responsibility")).to_have_value(RESPONSIBILITY)

    # And add an interview question, forgetting what a good answer shows at first
    page.get_by_role("link", name="Add an interview question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add an interview question")
    assert_accessible(page)
    page.get_by_label("Question", exact=True).fill(QUESTION)
    for label, text in (
        ("Score 1: not shown", "No example."),
        ("Score 2: partly shown", "An example, without asking the person."),
        ("Score 3: shown", "Asked the person and followed it."),
        ("Score 4: shown strongly", "Asked, followed and reviewed it with them."),
    ):
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Save the question").click()
    assert_error_summary_has_focus(page)
    assert_accessible(page)
    page.get_by_label("What a good answer shows").fill("Asks the person, and follows what they said.")
    page.get_by_role("button", name="Save the question").click()
    main = page.get_by_role("main")
    expect(main.locator("#question-3")).to_contain_text(QUESTION)
    assert_accessible(page)

    # Then the comparison shows the content the draft changes
    page.get_by_role("link", name="Back to the draft").click()
    page.get_by_role("link", name="Compare the draft with the published version").click()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=2, name="Role profile content")).to_be_visible()
    expect(main).to_contain_text(RESPONSIBILITY)
    expect(main).to_contain_text("Interview question 3")
    expect(main).to_contain_text(QUESTION)
    assert_accessible(page)

    # When they publish the draft
    main.get_by_role("button", name="Publish version 2").click()
    expect(page.get_by_role("main")).to_contain_text(RESPONSIBILITY)
    page.locator("#publish").get_by_role("button", name="Publish version 2").click()
    expect(page).to_have_url(f"{live_server.url}/framework/{SLUG}/v2/")
    response = page.goto(f"{live_server.url}/roles/content/{SLUG}/v2/COM.1/")
    assert response.status == 404

    # Then a role profile built on version 2 says the new words, with the new question in its plan
    new_profile = services.copy_starting_point(
        services.starting_point("care-coordinator"), organisation=old_profile.organisation
    )
    services.publish(services.draft_of(new_profile))
    assert services.current_version(new_profile).framework_version.number == 2
    expect(job_description(page, live_server.url, new_profile)).to_contain_text(RESPONSIBILITY)
    assert_accessible(page)
    page.goto(f"{live_server.url}/roles/{new_profile.slug}/documents/interview-plan/")
    expect(page.get_by_role("main")).to_contain_text(QUESTION)  # COM.1 is tested at interview

    # While the demo's profile on version 1 says what it said before
    main = job_description(page, live_server.url, old_profile)
    expect(main).to_contain_text("Build rapport quickly")
    expect(main).not_to_contain_text(RESPONSIBILITY)


def test_the_content_page_fits_a_phone(new_page, live_server, demo_data):
    phone = new_page(phone=True)
    sign_in(phone, live_server.url, "admin@demo.test", DEMO_PASSWORD)
    phone.goto(f"{live_server.url}/framework/{SLUG}/v1/")
    phone.get_by_role("button", name="Start a new draft").click()
    phone.goto(f"{live_server.url}/roles/content/{SLUG}/v2/COM.1/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Role profile content of COM.1")
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)
