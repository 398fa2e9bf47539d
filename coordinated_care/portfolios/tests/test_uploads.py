"""Uploads (issue item 7): type and size from the content, stored under a random name through the
storage API, served only through the permission-checking view."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coordinated_care.portfolios import uploads
from coordinated_care.portfolios.models import Attachment

from .builders import PDF_BYTES, PNG_BYTES, docx_bytes, pdf


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, uploads.PDF),
        (PNG_BYTES, uploads.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 20, uploads.JPEG),
        (docx_bytes(), uploads.DOCX),
        ("Notes from the workshop – café, naïve, 🙂\n".encode(), uploads.TEXT),
    ],
)
def test_the_type_comes_from_the_content_not_the_name(content, expected):
    # A misleading name and browser content type change nothing.
    assert uploads.check_upload(upload("misleading.exe", content, "application/x-msdownload")) == expected


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 50,  # a Windows program
        b"PK\x03\x04not really a zip",
        b"GIF89a\x01\x00",
        b"\x00\x01\x02binary",
        "caf\xe9".encode("latin-1"),  # text, but not UTF-8
    ],
)
def test_anything_else_is_refused_whatever_it_is_called(content):
    with pytest.raises(ValidationError, match="must be a PDF, JPEG, PNG, Word document"):
        uploads.check_upload(upload("certificate.pdf", content, "application/pdf"))


def test_a_zip_that_is_not_a_word_document_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    with pytest.raises(ValidationError):
        uploads.check_upload(upload("certificate.docx", buffer.getvalue()))


def test_html_is_plain_text_here_and_is_never_served_as_html():
    assert uploads.check_upload(upload("page.html", b"<script>alert(1)</script>", "text/html")) == uploads.TEXT


def test_empty_and_oversized_files_are_refused(settings):
    settings.PORTFOLIO_UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match="is empty"):
        uploads.check_upload(upload("a.pdf", b""))
    with pytest.raises(ValidationError, match="smaller than 1 MB"):
        uploads.check_upload(upload("a.pdf", PDF_BYTES + b"\x00" * 1024 * 1024))


def test_the_default_limit_is_ten_megabytes(settings):
    assert settings.PORTFOLIO_UPLOAD_MAX_BYTES == 10 * 1024 * 1024  # base settings, nothing in the environment
    assert uploads.max_upload_bytes() == 10 * 1024 * 1024


def test_a_stored_file_keeps_its_hash_under_a_random_name(enrolment, learner):
    attachment = uploads.store_upload(enrolment, pdf("../../etc/My Certificate (final).PDF"), learner)
    attachment.refresh_from_db()
    assert attachment.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert attachment.size == len(PDF_BYTES)
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "My Certificate final.pdf"
    assert attachment.file.name == f"attachments/{enrolment.uuid}/{attachment.uuid}"
    assert "Certificate" not in attachment.file.name
    with default_storage.open(attachment.file.name, "rb") as stored:
        assert stored.read() == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "file_type", "safe"),
    [
        ('evil"; filename=x.html', uploads.PDF, "evil filenamex.pdf"),
        ("photo.jpeg.exe", uploads.JPEG, "photo.jpeg.jpg"),
        ("", uploads.TEXT, "file.txt"),
        ("Ünïcødé ñame.docx", uploads.DOCX, "Ünïcødé ñame.docx"),
        ("line\r\nbreak\x00.txt", uploads.TEXT, "linebreak.txt"),
        ("C:\\Users\\me\\cert.pdf", uploads.PDF, "cert.pdf"),
    ],
)
def test_download_names_are_safe(name, file_type, safe):
    assert uploads.safe_filename(name, file_type) == safe


@pytest.mark.parametrize("persona", ["facilitator", "supervisor", "programme_lead", "other_learner"])
def test_only_the_learner_uploads(enrolment, persona, request):
    with pytest.raises(PermissionDenied):
        uploads.store_upload(enrolment, pdf(), request.getfixturevalue(persona))
    assert not Attachment.objects.exists()


def test_the_file_is_served_as_a_download_with_its_stored_type(portfolio, signed_in):
    url = reverse("portfolios:attachment", args=[portfolio.enrolment.uuid, portfolio.attachment.uuid])
    response = signed_in(portfolio.enrolment.facilitator).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificate.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "no-store"


def test_a_file_of_another_portfolio_is_not_found(portfolio, other_enrolment, other_learner, signed_in):
    theirs = uploads.store_upload(other_enrolment, pdf(), other_learner)
    url = reverse("portfolios:attachment", args=[portfolio.enrolment.uuid, theirs.uuid])
    assert signed_in(portfolio.enrolment.learner).get(url).status_code == 404


def test_removing_a_file_deletes_it_from_storage(portfolio, signed_in, django_capture_on_commit_callbacks):
    name = portfolio.attachment.file.name
    url = reverse("portfolios:remove_attachment", args=[portfolio.enrolment.uuid, portfolio.attachment.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(portfolio.enrolment.learner).post(url)
    assert response["Location"] == reverse("portfolios:entry", args=[portfolio.enrolment.uuid, portfolio.training.uuid])
    assert not Attachment.objects.filter(pk=portfolio.attachment.pk).exists()
    assert not default_storage.exists(name)


def test_an_upload_refused_by_the_form_says_why_and_stores_nothing(portfolio, signed_in):
    url = reverse("portfolios:entry_attachments", args=[portfolio.enrolment.uuid, portfolio.training.uuid])
    before = Attachment.objects.count()
    response = signed_in(portfolio.enrolment.learner).post(url, {"file": upload("x.pdf", b"MZ\x90\x00" * 10)})
    assert response.status_code == 200
    assert (
        "The selected file must be a PDF, JPEG, PNG, Word document (.docx) or plain text file"
        in response.content.decode()
    )
    assert 'href="#id_file"' in response.content.decode()
    assert Attachment.objects.count() == before


def test_kinds_without_files_take_no_uploads(portfolio, signed_in):
    url = reverse("portfolios:entry_attachments", args=[portfolio.enrolment.uuid, portfolio.case_study.uuid])
    assert signed_in(portfolio.enrolment.learner).post(url, {"file": pdf()}).status_code == 404
