"""Who may have a portfolio as a PDF, through the one harness of the root conftest: the learner,
their facilitator and supervisor and the cohort's lead ask for it; everyone else is told the
portfolio does not exist, and the anonymous visitor is sent to sign in. A PDF, and the page that
follows its progress, are for the person who asked only. /verify/ is open to anyone."""

import pytest
from django.urls import reverse

from conftest import EVERYONE, NOT_ALLOWED, PORTFOLIO_READERS, Access, check_access
from coordinated_care.portfolios.tests.builders import pdf_with_text
from coordinated_care.reports.document import pdf, services
from coordinated_care.reports.models import PortfolioExport


def exports():
    return list(PortfolioExport.objects.order_by("pk").values_list("pk", "requested_by"))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", EVERYONE)
def test_those_who_may_read_the_portfolio_may_ask_for_its_pdf(request, persona, enrolment):
    url = reverse("portfolio_pdf", args=[enrolment.uuid])
    response = check_access(
        request,
        persona,
        url,
        Access(readers=PORTFOLIO_READERS, get=PORTFOLIO_READERS, post=PORTFOLIO_READERS),
        state=exports,
    )
    if response is not None and response.status_code == 200:
        assert "Make the PDF" in response.content.decode()


@pytest.fixture
def learners_export(enrolment, django_capture_on_commit_callbacks, monkeypatch):
    # Who may have the file is the question here, not what it holds (test_pdf.py): a small PDF will do.
    monkeypatch.setattr(pdf, "render_pdf", lambda *args, **kwargs: pdf_with_text("A portfolio"))
    with django_capture_on_commit_callbacks(execute=True):
        export = services.request_export(enrolment, enrolment.learner)
    export.refresh_from_db()
    assert export.status == PortfolioExport.Status.DONE
    return export


@pytest.mark.django_db
@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("name", ["portfolio_pdf_progress", "portfolio_pdf_download"])
def test_a_pdf_and_its_progress_are_for_the_person_who_asked_only(request, persona, name, enrolment, learners_export):
    url = reverse(name, args=[enrolment.uuid, learners_export.uuid])
    response = check_access(request, persona, url, Access(readers={"learner"}, get={"learner"}, post=NOT_ALLOWED))
    if response is not None and response.status_code == 200 and name == "portfolio_pdf_download":
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_another_portfolios_pdf_is_not_found_through_this_one(signed_in, enrolment, other_enrolment, learners_export):
    client = signed_in(enrolment.learner)
    url = reverse("portfolio_pdf_download", args=[other_enrolment.uuid, learners_export.uuid])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona", EVERYONE)
def test_verify_is_open_to_everyone(request, persona):
    check_access(
        request,
        persona,
        reverse("verify"),
        Access(readers={*EVERYONE}, get={*EVERYONE}, post={*EVERYONE}, post_status=200, changes=False),
        state=exports,
        data={"code": "0000-0000-0000"},
    )
