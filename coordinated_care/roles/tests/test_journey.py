"""In a real browser, on a phone and on a desktop: the demo employer copies the shipped care
navigator, removes two competencies and adds one, marks an essential pick tested at interview,
publishes, and downloads the job description, person specification and interview plan as Word and
PDF, then opens the team's training needs heatmap. Every page passes the WCAG 2.2 AA checks, and
none scrolls sideways on the phone."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.roles import services
from coordinated_care.roles.documents.docx import docx_text
from coordinated_care.roles.models import RoleProfile
from tests.browser.helpers import assert_accessible, assert_no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, phone):
    assert_accessible(page)
    if phone:
        assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_an_employer_adapts_the_care_navigator_and_downloads_its_recruitment_pack(
    phone, new_page, live_server, demo_data, tmp_path
):
    page = new_page(phone=phone)
    # Given the demo employer, signed in on their home page
    sign_in(page, live_server.url, "employer@demo.test", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/employer/$"))
    check(page, phone)

    # When they start from the shipped care navigator
    page.get_by_role("link", name=re.compile("Start a role profile from the care coordinator")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Copy a role profile")
    check(page, phone)
    page.get_by_label("Care navigator", exact=True).check()
    page.get_by_label("Demo Riverside Primary Care Network (primary care network)").check()
    page.get_by_role("button", name="Copy it").click()

    # Then they edit a draft of their own
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit the role profile")
    expect(page.get_by_text("Copied. Adapt it to your role, then publish it.")).to_be_visible()
    check(page, phone)

    # When they remove two competencies, add one and test an essential one at interview
    page.locator("#id_pick_CL_K4").uncheck()
    page.locator("#id_pick_PCC_2").uncheck()
    page.locator("#id_pick_COM_3").check()
    page.get_by_label("Level expected of Teamwork focused on Coordination").select_option("leading")
    page.locator("#id_tested_COM_4_1").check()  # Handling data and information, at interview
    page.get_by_label("Band").fill("Agenda for Change band 3")
    page.get_by_role("button", name="Save the draft").click()

    # Then the profile shows what they picked
    expect(page.get_by_text("Version 1 saved as a draft.")).to_be_visible()
    expect(page.get_by_role("table", name="Communication")).to_contain_text("Teamwork focused on Coordination")
    expect(page.locator("main")).not_to_contain_text("Aligning resources with patient and population needs")
    check(page, phone)

    # When they publish it
    page.get_by_role("button", name="Publish version 1").click()
    check(page, phone)
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("Version 1 is published. It will not change from now on.")).to_be_visible()
    check(page, phone)

    profile = RoleProfile.objects.get(versions__title="Care navigator")
    version = services.current_version(profile)
    picked = {pick.item.code for pick in services.ordered_picks(version)}
    assert picked == {"COM.1", "COM.2", "COM.3", "COM.4", "COM.5", "CL.1", "PCC.K2", "REL.6"}
    interview = {pick.item.code for pick in services.ordered_picks(version) if pick.at_interview}
    assert "COM.4" in interview

    # And they read and download the job description, person specification and interview plan
    for title, heading in (
        ("Job description", "Key responsibilities"),
        ("Person specification", "Essential criteria"),
        ("Interview plan", "Questions and scoring guides"),
    ):
        page.get_by_role("link", name=title, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        expect(page.get_by_text(re.compile(r"version 1 \(published"))).to_be_visible()
        check(page, phone)
        with page.expect_download() as word:
            page.get_by_role("button", name="Download as Word").click()
        path = tmp_path / word.value.suggested_filename
        word.value.save_as(path)
        assert path.suffix == ".docx" and "Handling data and information" in docx_text(path.read_bytes())
        with page.expect_download() as pdf:
            page.get_by_role("button", name="Download as PDF").click()
        assert pdf.value.suggested_filename.endswith(".pdf")
        assert open(pdf.value.path(), "rb").read(4) == b"%PDF"
        page.locator(".nhsuk-back-link a, a.nhsuk-back-link").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Care navigator")

    # And they open their team's training needs: the heatmap and the ranked needs beside it
    page.get_by_role("link", name="Role profiles").first.click()
    page.get_by_role("link", name="Training needs of your teams").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training needs")
    expect(page.get_by_role("heading", name="Heatmap: gap to the level expected")).to_be_visible()
    expect(page.get_by_role("table", name="The team's needs, largest first")).to_be_visible()
    expect(page.get_by_text("The whole team falls short on:")).to_be_visible()
    check(page, phone)
