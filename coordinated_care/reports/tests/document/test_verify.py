"""Checking a copy of a portfolio PDF: `verify_portfolio FILE` and /verify/ accept the file as it
was made, say when its code is known but its bytes are not (altered) or neither is (unknown), and
tell whether the portfolio has changed since; /verify/ shows who, whose, when, and nothing of the
portfolio's content. `export_portfolio` makes the PDF by the enrolment's id or uuid."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from coordinated_care.core import ratelimit
from coordinated_care.portfolios import services as portfolio_services
from coordinated_care.portfolios.models import Entry
from coordinated_care.portfolios.tests.builders import CASE_STUDY, pdf_with_text
from coordinated_care.reports.document import services
from coordinated_care.reports.models import PortfolioExport

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(enrolment, tmp_path):
    """A case study in the portfolio, then its PDF written by export_portfolio."""
    portfolio_services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, user=enrolment.learner, content=CASE_STUDY
    )
    path = tmp_path / "portfolio.pdf"
    out = io.StringIO()
    call_command("export_portfolio", str(enrolment.pk), "--format", "pdf", "--output", str(path), stdout=out)
    export = PortfolioExport.objects.get()
    assert export.display_code in out.getvalue()
    return path, export


def run_verify(path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_portfolio", str(path), stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


def test_export_portfolio_records_the_pdf_it_writes(made, enrolment):
    path, export = made
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert export.status == PortfolioExport.Status.DONE
    assert export.sha256 == hashlib.sha256(data).hexdigest()
    assert export.size == len(data)
    assert export.enrolment == enrolment
    assert export.requested_via == PortfolioExport.Via.COMMAND
    assert export.requested_by is None and "export_portfolio" in export.requested_by_name
    assert export.file.read() == data
    assert len(export.fingerprint) == 64


def test_export_portfolio_takes_the_uuid_too_and_refuses_an_unknown_enrolment(enrolment, tmp_path):
    path = tmp_path / "by-uuid.pdf"
    call_command("export_portfolio", str(enrolment.uuid), "--output", str(path), stdout=io.StringIO())
    assert path.read_bytes().startswith(b"%PDF-")
    for wrong in ("999999", "not-a-uuid", "5b0c3e1e-0000-4000-8000-000000000000"):
        with pytest.raises(CommandError, match="No enrolment"):
            call_command("export_portfolio", wrong, "--output", str(tmp_path / "x.pdf"))
    assert PortfolioExport.objects.count() == 1


def test_verify_portfolio_accepts_the_file_as_made(made):
    path, export = made
    code, output = run_verify(path)
    assert code == 0
    assert "GENUINE" in output and export.display_code in output
    assert "reads as it did" in output


def test_verify_portfolio_refuses_a_copy_with_one_byte_changed(made, tmp_path):
    path, export = made
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle] = (data[middle] + 1) % 256
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    code, output = run_verify(altered)
    assert code == 1
    assert "ALTERED" in output
    assert export.display_code in output


def test_verify_portfolio_refuses_a_pdf_the_service_never_made(tmp_path):
    foreign = tmp_path / "foreign.pdf"
    foreign.write_bytes(pdf_with_text("A portfolio, honestly"))
    code, output = run_verify(foreign)
    assert code == 1
    assert "UNKNOWN" in output


def test_verify_portfolio_says_when_the_portfolio_changed_since(made, enrolment):
    path, _ = made
    portfolio_services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, user=enrolment.learner, content={**CASE_STUDY, "title": "Two"}
    )
    code, output = run_verify(path)
    assert code == 0
    assert "has changed since" in output


def test_the_verify_page_shows_who_whose_and_when_for_a_known_code_and_no_content(client, made, enrolment):
    _, export = made
    response = client.get(reverse("verify"), {"code": export.display_code.lower().replace("-", " ")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The service made a PDF with this code" in page
    assert enrolment.learner.display_name in page
    assert "export_portfolio" in page
    assert "No: the portfolio reads as it did when this PDF was made" in page
    for text in CASE_STUDY.values():
        assert text not in page
    assert enrolment.facilitator.display_name not in page


def test_the_verify_page_says_an_unknown_code_is_not_the_services(client, made):
    response = client.get(reverse("verify"), {"code": "ZZZZ-ZZZZ-ZZZZ"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not a PDF the service made" in page
    assert "No portfolio PDF has this code." in page


def test_the_verify_page_says_when_the_portfolio_has_changed(client, made, enrolment):
    _, export = made
    portfolio_services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, user=enrolment.learner, content={**CASE_STUDY, "title": "Two"}
    )
    response = client.get(reverse("verify"), {"code": export.code})
    assert "Yes: the portfolio has changed since this PDF was made" in response.content.decode()


def test_the_verify_page_checks_an_uploaded_file(client, made):
    path, export = made
    data = path.read_bytes()
    genuine = client.post(reverse("verify"), {"file": SimpleUploadedFile("p.pdf", data, "application/pdf")})
    assert "This PDF is genuine" in genuine.content.decode()
    changed = data.replace(b"%PDF-1.7", b"%PDF-1.6", 1)
    altered = client.post(reverse("verify"), {"file": SimpleUploadedFile("p.pdf", changed, "application/pdf")})
    assert "This PDF has been changed" in altered.content.decode()
    assert export.enrolment.learner.display_name in altered.content.decode()


def test_the_verify_page_asks_for_a_code(client):
    response = client.get(reverse("verify"), {"code": "12"})
    assert "Enter the 12 letters and numbers of the code" in response.content.decode()
    response = client.post(reverse("verify"), {})
    assert "Enter the verification code printed on the PDF" in response.content.decode()


def test_the_verify_page_is_rate_limited_per_address(client, monkeypatch):
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_000_000.0)
    allowed, _ = services_limit()
    for _ in range(allowed):
        assert client.get(reverse("verify"), {"code": "ZZZZ-ZZZZ-ZZZZ"}).status_code == 200
    response = client.get(reverse("verify"), {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def services_limit():
    from coordinated_care.reports.document.views import VERIFY_RATE_LIMIT

    return VERIFY_RATE_LIMIT


def test_codes_are_twelve_characters_without_look_alikes():
    codes = {services.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 12 and not set(c) & set("ILOU") for c in codes)
    assert services.normalise_code("7kq2-m9xd 4rta") == "7KQ2M9XD4RTA"
    assert services.normalise_code("OIL") == "011"
