"""The button, the background job and the page that follows it: a PDF asked for is made by the task
queue (run at once in tests), its page asks again every two seconds through htmx while it is being
made, then offers the download; a failure says so plainly, never with a server error."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import assert_strict_csp_markup
from coordinated_care.portfolios.tests.builders import pdf_with_text
from coordinated_care.reports.document import pdf, services
from coordinated_care.reports.models import PortfolioExport
from coordinated_care.reports.tasks import make_portfolio_pdf

pytestmark = pytest.mark.django_db


def test_the_overview_links_to_the_pdf(signed_in, enrolment):
    page = signed_in(enrolment.learner).get(reverse("portfolios:overview", args=[enrolment.uuid])).content.decode()
    assert f'href="{reverse("portfolio_pdf", args=[enrolment.uuid])}"' in page
    assert "Download the portfolio (PDF)" in page


def test_while_it_is_made_the_page_asks_again_every_two_seconds(signed_in, enrolment):
    client = signed_in(enrolment.learner)
    response = client.post(reverse("portfolio_pdf", args=[enrolment.uuid]))  # queued: not run before commit
    export = PortfolioExport.objects.get()
    assert response["Location"] == reverse("portfolio_pdf_progress", args=[enrolment.uuid, export.uuid])
    page = client.get(response["Location"]).content.decode()
    assert_strict_csp_markup(page)
    assert 'aria-live="polite"' in page
    assert f'hx-get="{response["Location"]}"' in page and 'hx-trigger="every 2s"' in page
    assert "The PDF is waiting to start" in page
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="pdf-status"') and "<html" not in fragment
    assert 'hx-trigger="every 2s"' in fragment


def test_once_made_the_page_offers_the_download_and_stops_asking(
    signed_in, enrolment, django_capture_on_commit_callbacks
):
    client = signed_in(enrolment.learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portfolio_pdf", args=[enrolment.uuid]))
    export = PortfolioExport.objects.get()
    assert export.status == PortfolioExport.Status.DONE and export.requested_by == enrolment.learner
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment
    download = reverse("portfolio_pdf_download", args=[enrolment.uuid, export.uuid])
    assert f'href="{download}"' in fragment and export.display_code in fragment
    file = client.get(download)
    assert b"".join(file.streaming_content) == export.file.open("rb").read()
    # The start page lists it among the PDFs this person made.
    start = client.get(reverse("portfolio_pdf", args=[enrolment.uuid])).content.decode()
    assert download in start


def test_a_failure_is_said_plainly_and_the_page_still_answers(
    signed_in, enrolment, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("no fonts here")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    client = signed_in(enrolment.learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portfolio_pdf", args=[enrolment.uuid]))
    export = PortfolioExport.objects.get()
    assert export.status == PortfolioExport.Status.FAILED
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "The PDF could not be made" in html and services.FAILED_MESSAGE in html
    assert "no fonts here" not in html and "hx-trigger" not in html
    assert client.get(reverse("portfolio_pdf_download", args=[enrolment.uuid, export.uuid])).status_code == 404


def test_the_task_makes_a_queued_pdf_once(enrolment, monkeypatch):
    calls = []
    monkeypatch.setattr(pdf, "render_pdf", lambda *a, **k: calls.append(1) or pdf_with_text("A portfolio"))
    export = services._new_export(enrolment, user=enrolment.learner, via=PortfolioExport.Via.WEB)
    make_portfolio_pdf.enqueue(export_id=export.pk)
    make_portfolio_pdf.enqueue(export_id=export.pk)  # a second delivery finds it made
    export.refresh_from_db()
    assert export.status == PortfolioExport.Status.DONE and len(calls) == 1


def test_a_pdf_the_queue_never_made_is_said_to_be_late(signed_in, enrolment):
    client = signed_in(enrolment.learner)
    response = client.post(reverse("portfolio_pdf", args=[enrolment.uuid]))  # queued: not run before commit
    assert "taking much longer" not in client.get(response["Location"]).content.decode()
    PortfolioExport.objects.update(requested_at=timezone.now() - datetime.timedelta(minutes=11))
    page = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "This is taking much longer than it should" in page
    assert 'hx-trigger="every 2s"' in page  # still asking, in case the queue catches up


def test_with_the_queue_down_the_pdf_waits_in_the_outbox_and_is_made_once_it_answers(
    signed_in, enrolment, django_capture_on_commit_callbacks
):
    """ADR 14: asking for a PDF while Redis refuses connections still answers with its progress page;
    the job is kept and `drain_outbox` hands it on."""
    from django.core.management import call_command
    from django.test import override_settings

    from coordinated_care.core.models import OutboxJob
    from coordinated_care.core.tests.test_outbox import broker_down

    client = signed_in(enrolment.learner)
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portfolio_pdf", args=[enrolment.uuid]))
    export = PortfolioExport.objects.get()
    assert response.status_code == 302 and export.status == PortfolioExport.Status.QUEUED
    assert "The PDF is waiting to start" in client.get(response["Location"]).content.decode()
    job = OutboxJob.objects.get()
    assert job.task == make_portfolio_pdf.module_path and job.arguments == {"export_id": export.pk}

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        call_command("drain_outbox")
    export.refresh_from_db()
    assert export.status == PortfolioExport.Status.DONE and not OutboxJob.objects.exists()
