"""Issue 10, items 1-3, as a new user would check them in a real browser: the demo learner presses
"Download the portfolio (PDF)", sees the PDF being made on a page that asks again by itself
(htmx), downloads it when it is ready; then someone without an account checks it at /verify/.
Every page goes through axe (WCAG 2.2 AA)."""

import re

import pytest
from playwright.sync_api import expect

from coordinated_care.nonprod.demo import DEMO_PASSWORD
from coordinated_care.programmes.models import Enrolment
from coordinated_care.reports import tasks
from coordinated_care.reports.document import services
from coordinated_care.reports.models import PortfolioExport
from tests.browser.helpers import assert_accessible, assert_no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER = "learner@demo.test"


class HeldQueue:
    """The task queue, holding what it is given until the test lets it run: with tasks run at once
    the PDF would be made before the progress page is ever seen."""

    def __init__(self):
        self.task = tasks.make_portfolio_pdf
        self.held = []

    def enqueue(self, **kwargs):
        self.held.append(kwargs)

    def run(self):
        for kwargs in self.held:
            self.task.call(**kwargs)


def check(page):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)


def test_the_learner_downloads_their_portfolio_as_a_pdf_and_anyone_can_check_it(
    new_page, live_server, demo_data, monkeypatch
):
    queue = HeldQueue()
    monkeypatch.setattr(tasks, "make_portfolio_pdf", queue)
    page = new_page()
    sign_in(page, live_server.url, LEARNER, DEMO_PASSWORD)
    main = page.get_by_role("main")
    enrolment = Enrolment.objects.get(learner__email=LEARNER)

    # Given their portfolio's overview
    page.goto(f"{live_server.url}/portfolio/{enrolment.uuid}/")
    check(page)

    # When they press the button, then make the PDF
    main.get_by_role("link", name="Download the portfolio (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download the portfolio as a PDF")
    check(page)
    main.get_by_role("button", name="Make the PDF").click()

    # Then they see it being made, on a page that asks again by itself
    expect(main).to_contain_text("The PDF is waiting to start")
    check(page)
    assert len(queue.held) == 1
    queue.run()
    download_link = main.get_by_role("link", name=re.compile(r"^Download the PDF \(\d+ KB\)$"))
    expect(download_link).to_be_visible(timeout=8_000)  # within a poll or two of every 2 s, without a reload
    expect(main).to_contain_text("The PDF is ready.")
    check(page)

    # And they download it: the very file the service recorded
    with page.expect_download() as info:
        download_link.click()
    data = open(info.value.path(), "rb").read()
    export = PortfolioExport.objects.get()
    assert data.startswith(b"%PDF-") and info.value.suggested_filename == f"portfolio-{export.display_code}.pdf"
    assert services.verify(data=data).result == services.GENUINE

    # When someone without an account checks its code
    visitor = new_page()
    visitor.goto(f"{live_server.url}/verify/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Check a portfolio PDF")
    check(visitor)
    visitor.get_by_label("Verification code").fill(export.display_code)
    visitor.get_by_role("button", name="Check").click()

    # Then they are told whose it is and when it was made, and nothing of what it holds
    expect(visitor.get_by_role("main")).to_contain_text("The service made a PDF with this code")
    expect(visitor.get_by_role("main")).to_contain_text("Alex Demo-Learner")
    expect(visitor.get_by_role("main")).to_contain_text("No: the portfolio reads as it did")
    check(visitor)
