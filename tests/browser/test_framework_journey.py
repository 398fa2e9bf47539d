"""Issue 2: every demo role signs in through the real form, lands on its own home page and reads
the competency framework, with no WCAG 2.2 AA violation on the way, on a desktop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_LOGINS, DEMO_PASSWORD

from .helpers import assert_accessible, assert_no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where each demo login lands: the contract of seed_demo and the accounts app, written out here so
# that a change to either shows up as a failing journey rather than a silently different one.
ROLE_HOMES = {
    "learner@demo.test": "/learner/",
    "facilitator@demo.test": "/facilitator/",
    "lead@demo.test": "/programme-lead/",
    "supervisor@demo.test": "/supervisor/",
    "employer@demo.test": "/employer/",
    "admin@demo.test": "/administrator/",
}
# A competency of the Communication domain whose title is the same in the guide and the PD.
DOMAIN = "Communication"
COMPETENCY = "Handling data and information"


def _exactly(text):
    return re.compile(rf"^\s*{re.escape(text)}\s*$", re.I)


def open_competency(page, domain=DOMAIN, competency=COMPETENCY):
    """From the framework index to one competency's page, checking each page on the way: through
    the domain's page when the index lists only domains, directly when it lists competencies too."""
    main = page.get_by_role("main")
    link = main.get_by_role("link", name=_exactly(competency))
    if link.count() == 0:
        main.get_by_role("link", name=_exactly(domain)).first.click()
        expect(page).to_have_url(re.compile(r"/framework/."))
        expect(page.get_by_role("heading", level=1)).to_contain_text(domain, ignore_case=True)
        assert_accessible(page)
    link.first.click()
    # The heading may carry a caption (code, domain) before the title.
    expect(page.get_by_role("heading", level=1)).to_contain_text(competency, ignore_case=True)


def test_every_demo_role_has_a_login_in_this_journey():
    assert sorted(email for _, email in DEMO_LOGINS) == sorted(ROLE_HOMES)


@pytest.mark.parametrize(("role", "email"), DEMO_LOGINS, ids=[email.split("@")[0] for _, email in DEMO_LOGINS])
def test_each_demo_role_signs_in_and_reads_the_framework(page, live_server, demo_data, role, email):
    # Given the sign-in page
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)

    # When the person signs in with their demo login
    sign_in(page, live_server.url, email, DEMO_PASSWORD)

    # Then they land on their own role's home page
    expect(page).to_have_url(f"{live_server.url}{ROLE_HOMES[email]}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(role)
    assert_accessible(page)

    # When they open the framework from the header
    page.get_by_role("banner").get_by_role("link", name="Framework", exact=True).click()

    # Then they can browse it by domain and read a competency
    # /framework/ may show the framework or send the reader on to its current version.
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/framework/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(DOMAIN)
    assert_accessible(page)
    open_competency(page)
    assert_accessible(page)

    # And they can search it
    page.goto(f"{live_server.url}/framework/search?q=data")
    expect(page.get_by_role("main").get_by_role("link", name=_exactly(COMPETENCY))).to_be_visible()
    assert_accessible(page)


def test_the_framework_reads_well_on_a_phone(phone_page, live_server, demo_data):
    page = phone_page
    _, email = DEMO_LOGINS[0]

    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    sign_in(page, live_server.url, email, DEMO_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}{ROLE_HOMES[email]}")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.goto(f"{live_server.url}/framework/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    open_competency(page)
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
