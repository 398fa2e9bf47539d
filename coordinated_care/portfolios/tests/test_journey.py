"""Issue 3 as a new user would check it, in a real browser on a phone: the demo learner writes a
case study, links it to three criteria, fills in part of the values worksheet, adds an overdue
action and sees it all on their home page; the demo facilitator reads it; another learner is
refused. Then the drafts: nothing is lost when the server cannot be reached or the page is left."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Enrolment
from tests.browser.helpers import (
    CspWatch,
    assert_accessible,
    assert_error_summary_has_focus,
    assert_no_horizontal_scroll,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"


def check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)


def portfolio_url(live_server, email=LEARNER):
    enrolment = Enrolment.objects.get(learner__email=email)
    return f"{live_server.url}/portfolio/{enrolment.uuid}/"


def test_the_demo_learner_builds_their_portfolio_on_a_phone(phone_page, new_page, live_server, demo_data):
    page = phone_page
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    main = page.get_by_role("main")

    # Given their portfolio (the demo has already started it), opened from their home page
    summary = main.locator(".app-progress-summary")
    with_evidence = int(re.search(r"Criteria with evidence\s+(\d+) of", summary.inner_text()).group(1))
    main.get_by_role("link", name="Open your portfolio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your portfolio")
    check(page)

    # When they write a case study, first forgetting what it needs
    main.get_by_role("link", name="Case studies").first.click()
    check(page)
    main.get_by_role("button", name="Add a case study").click()
    check(page)
    main.get_by_role("button", name="Save").click()
    assert_error_summary_has_focus(page)
    check(page)
    main.get_by_label("Title").fill("Case study 1: home from hospital")
    main.get_by_label("Overview of coordination needs").fill("An older person living alone needed support at home.")
    main.get_by_label("Coordination that has taken place").fill("I arranged a review with the community team.")
    main.get_by_label("Outcomes, reflections and learning").fill(
        "They felt supported; I learned to ask about transport."
    )
    main.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case study 1: home from hospital")
    check(page)

    # And link it to three criteria, saying how it shows each
    main.get_by_role("button", name="Link to criteria").click()
    check(page)
    for code in ("PC2", "PC4", "CS5"):
        box = main.get_by_role("checkbox", name=re.compile(rf"^{code} "))
        box.check()
        # The NHS.UK conditional reveal shows the box for how it shows it.
        how = main.locator(f"#{box.get_attribute('id').replace('criterion_', 'how_')}")
        expect(how).to_be_visible()
        how.fill(f"This case study shows {code} in the review I arranged.")
    check(page)
    main.get_by_role("button", name="Save").click()
    expect(main).to_contain_text("linked to 3 criteria")

    # And fill in part of the values worksheet
    page.goto(portfolio_url(live_server) + "values-worksheet/")
    check(page)
    main.locator("#id_value_1_what").fill("Seeing the person, not the condition.")
    main.locator("#id_value_1_why").fill("Care that fits the person is care that works.")
    main.get_by_role("button", name="Save the worksheet").click()
    expect(main).to_contain_text("Values worksheet saved as version")
    expect(main.locator("#id_value_1_what")).to_have_value("Seeing the person, not the condition.")

    # And add an action whose date has passed
    page.goto(portfolio_url(live_server) + "action-plan/new/")
    main.get_by_label("Area of focus").fill("Digital signposting")
    main.get_by_label("Actions to be taken").fill("Shadow the digital champion")
    main.get_by_label("Help to get there").fill("My practice-based facilitator")
    main.get_by_label("Success measurement").fill("Signed off at my next review")
    main.get_by_label("Day").fill("1")
    main.get_by_label("Month").fill("2")
    main.get_by_label("Year").fill("2024")
    main.get_by_role("button", name="Save").click()
    expect(main.locator(".nhsuk-tag")).to_have_text("Overdue")
    check(page)

    # Then their home page shows all of it
    page.goto(f"{live_server.url}/learner/")
    expect(main).to_contain_text("Overdue actions")
    expect(main).to_contain_text("Digital signposting")
    expect(summary).to_contain_text(re.compile(rf"Criteria with evidence\s+{with_evidence + 3} of"))
    check(page)

    # And their facilitator can read it
    facilitator = new_page()
    sign_in(facilitator, live_server.url, "facilitator@demo.test", DEMO_PASSWORD)
    facilitator.goto(portfolio_url(live_server))
    expect(facilitator.get_by_role("heading", level=1)).to_have_text(re.compile("portfolio"))
    facilitator.get_by_role("link", name="Case studies").first.click()
    facilitator.get_by_role("link", name="Case study 1: home from hospital").click()
    expect(facilitator.get_by_role("main")).to_contain_text("This case study shows PC2")
    expect(facilitator.get_by_role("button", name="Change")).to_have_count(0)
    assert_accessible(facilitator)

    # But another learner is told there is no such portfolio
    other = new_page()
    sign_in(other, live_server.url, "learner2@demo.test", DEMO_PASSWORD)
    response = other.goto(portfolio_url(live_server))
    assert response.status == 404


def test_writing_survives_a_lost_connection_and_leaving_the_page(new_page, live_server, demo_data):
    page = new_page(bypass_csp=False)
    csp = CspWatch(page)
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    form_url = portfolio_url(live_server) + "reflections/new/"

    # Given the server cannot be reached (a dropped connection, or a session that has ended)
    page.route("**/draft/", lambda route: route.abort())
    page.goto(form_url)
    page.get_by_label("What happened?").fill("A long reflection that must not be lost.")
    # Then the learner is told the writing is only on this device
    expect(page.locator("[data-portfolio-draft-status]")).to_contain_text("kept on this device", timeout=20_000)

    # And leaving the page asks first
    dialogs = []
    stay = {"on_page": True}

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss() if stay["on_page"] else dialog.accept()

    page.on("dialog", answer)
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(form_url)
    expect(page.get_by_label("What happened?")).to_have_value("A long reflection that must not be lost.")
    assert dialogs == ["beforeunload"]

    # When they leave anyway, and come back to the form once the connection is back
    stay["on_page"] = False
    page.unroute("**/draft/")
    page.goto(form_url)

    # Then this device offers the writing back, and restoring it puts it in the form
    banner = page.locator('[data-portfolio-draft-banner="local"]')
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("You have unsaved writing from")
    banner.get_by_role("button", name="Restore it").click()
    expect(page.get_by_label("What happened?")).to_have_value("A long reflection that must not be lost.")
    # And it reaches the server too
    expect(page.locator("[data-portfolio-draft-status]")).to_have_text("Draft saved.", timeout=20_000)

    # When the page is opened afresh, the server's copy is offered, and works without the script
    page.goto(form_url)
    server_banner = page.locator('[data-portfolio-draft-banner="server"]')
    expect(server_banner).to_be_visible()
    server_banner.get_by_role("link", name="Restore it").click()
    expect(page.get_by_label("What happened?")).to_have_value("A long reflection that must not be lost.")

    # And once saved, nothing is offered back any more
    page.get_by_label("Title").fill("Learning from a missed referral")
    page.get_by_label("What did it mean?").fill("Meaning")
    page.get_by_label("What will you do next?").fill("Next")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning from a missed referral")
    page.goto(form_url)
    expect(page.locator('[data-portfolio-draft-banner="server"]')).to_have_count(0)
    expect(page.locator('[data-portfolio-draft-banner="local"]')).to_be_hidden()
    csp.assert_none()


def test_an_expired_session_warns_the_learner_and_leaves_no_draft_on_the_device(new_page, live_server, demo_data):
    """A shared practice computer keeps no one's writing once their session has ended (issue 16):
    the learner is told while the page is still open, and the sign-in page removes the copy."""
    page = new_page()
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    form_url = portfolio_url(live_server) + "interprofessional-record/new/"
    page.goto(form_url)

    # Given the session ends while the learner is writing
    page.context.clear_cookies(name="sessionid")  # the CSRF cookie outlives the session
    writing = "Met the social prescribing link worker to agree how we share referrals."
    page.get_by_label("Reflections on your learning and the importance of the relationship").fill(writing)
    # Then the server refuses the draft and the learner is told to copy their writing before signing in
    status = page.locator("[data-portfolio-draft-status]")
    expect(status).to_contain_text("You have been signed out", timeout=20_000)
    expect(status).to_contain_text("Copy it somewhere safe before you sign in again")

    # When they save, are sent to sign in, and sign in again
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    # Then the sign-in page has removed the copy on this device
    assert page.evaluate("() => Object.keys(window.localStorage).filter((k) => k.startsWith('ccp-draft:'))") == []
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)

    # And back on the form nothing is offered from this device
    page.goto(form_url)
    expect(page.locator('[data-portfolio-draft-banner="local"]')).to_be_hidden()
    assert_accessible(page)


def test_every_portfolio_page_is_accessible_on_a_phone(new_page, live_server, demo_data):
    """axe (WCAG 2.2 AA), one h1 and no sideways scrolling at 375px, on every page of a portfolio
    with something of each kind in it, for the learner (forms) and their facilitator (reading)."""
    from coordinated_care.portfolios import services, uploads
    from coordinated_care.portfolios.kinds import KINDS_BY_SLUG
    from coordinated_care.portfolios.models import Entry

    from .builders import pdf

    enrolment = Enrolment.objects.select_related("learner").get(learner__email=LEARNER)
    learner = enrolment.learner
    training = services.add_entry(
        enrolment=enrolment,
        kind=Entry.Kind.TRAINING_RECORD,
        user=learner,
        content={
            "title": "Safeguarding adults level 2",
            "provider": "Demo Valley Training Hub",
            "occurred_on": enrolment.cohort.start_date,
        },
        upload=pdf(),
    )
    uploads.store_upload(enrolment, pdf("second.pdf"), learner, entry=training)
    workshop = enrolment.cohort.workshops.get(number=2)
    services.save_workshop_note(enrolment, workshop, content={"attended": "yes", "notes": "Useful"}, user=learner)
    base = portfolio_url(live_server)
    entries = list(Entry.objects.filter(enrolment=enrolment))
    case_study = next(e for e in entries if e.kind == Entry.Kind.CASE_STUDY)
    reading = [
        "",
        "values-worksheet/",
        "accredited-training/",
        "criteria/PC1/",
        *(f"{slug}/" for slug in KINDS_BY_SLUG),
        *(f"entries/{entry.uuid}/" for entry in entries),
        f"entries/{case_study.uuid}/versions/",
        f"entries/{case_study.uuid}/versions/1/",
    ]
    writing = [
        *(f"{slug}/new/" for slug in KINDS_BY_SLUG if slug != "workshops"),
        f"entries/{case_study.uuid}/change/",
        f"entries/{case_study.uuid}/evidence/",
        f"workshops/{workshop.number}/",
    ]
    for email, paths in ((LEARNER, reading + writing), ("facilitator@demo.test", reading)):
        page = new_page(phone=True)
        sign_in(page, live_server.url, email, DEMO_PASSWORD)
        for path in paths:
            response = page.goto(base + path)
            assert response.status == 200, (email, path)
            check(page)
