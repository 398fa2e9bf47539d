"""Input and resources: bodies larger than any form takes are refused unread, with a page saying
the limit; no upload, however odd, produces a 500; the draft autosave is rate-limited."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coordinated_care.portfolios.models import Attachment, Draft
from coordinated_care.portfolios.tests.builders import PDF_BYTES

pytestmark = pytest.mark.django_db


def _attach_url(portfolio):
    return reverse("portfolios:entry_attachments", args=[portfolio.enrolment.uuid, portfolio.training.uuid])


def test_a_body_larger_than_any_form_takes_is_refused_before_it_is_read(portfolio, signed_in, learner, settings):
    # The body is one byte; only its declared length is too large. Were it read, the request would
    # wait for bytes that never come or fail on the short body: refused from the header alone.
    too_large = settings.PORTFOLIO_UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    response = signed_in(learner).generic(
        "POST",
        _attach_url(portfolio),
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(too_large),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "The file is too large" in html and "smaller than 10 MB" in html
    assert Attachment.objects.count() == 2  # the certificate and the accredited training's


def test_the_limit_follows_the_upload_setting(portfolio, signed_in, learner, settings):
    settings.PORTFOLIO_UPLOAD_MAX_BYTES = 1024 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = signed_in(learner).post(
        _attach_url(portfolio), {"file": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 2048))}
    )
    assert response.status_code == 413 and "smaller than 1 MB" in response.content.decode()


def test_form_fields_beyond_djangos_bound_are_a_400_not_a_500(portfolio, signed_in, learner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    url = reverse("portfolios:new_entry", args=[portfolio.enrolment.uuid, "case-studies"])
    response = signed_in(learner).post(url, {"title": "A", "overview": "word " * 5000})
    assert response.status_code == 400


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_BOMB = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document>" + "a" * 30_000_000})
ODD_FILES = {
    "empty": ("empty.pdf", b""),
    "wrongly typed": ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 4),
    "an image named as a PDF": ("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "a zip bomb named as a Word document": ("notes.docx", DOCX_BOMB),
    "a truncated PDF": ("certificate.pdf", PDF_BYTES[: len(PDF_BYTES) // 3]),
    "a truncated Word document": ("notes.docx", DOCX_BOMB[:2000]),
    "a zip that is no Word document": ("notes.docx", _zip({"a.txt": "hello"})),
    "text that is not UTF-8": ("notes.txt", "caf\xe9 au lait".encode("latin-1")),
}


@pytest.mark.parametrize("kind", ODD_FILES)
def test_no_upload_produces_a_server_error(kind, portfolio, signed_in, learner):
    name, content = ODD_FILES[kind]
    client = signed_in(learner)
    before = Attachment.objects.count()
    response = client.post(_attach_url(portfolio), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code < 500, (kind, response.status_code)
    # A PDF is what its header says (what it holds is then scanned); a PNG is a PNG whatever its name.
    if kind not in ("a truncated PDF", "an image named as a PDF"):
        assert Attachment.objects.count() == before, kind


def test_the_draft_autosave_is_rate_limited_per_person(portfolio, signed_in, learner, settings):
    settings.PORTFOLIO_DRAFTS_PER_MINUTE = 3
    client = signed_in(learner)
    url = reverse("portfolios:draft", args=[portfolio.enrolment.uuid])
    data = {"key": f"{portfolio.enrolment.uuid}:new:case-studies", "overview": "Half a thought"}
    answers = [client.post(url, data, headers={"accept": "application/json"}) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[-1].json()["reason"] == "limited" and int(answers[-1]["Retry-After"]) > 0
    assert Draft.objects.count() == 1


def test_an_uploaded_file_is_served_as_a_download_never_inline(portfolio, signed_in, learner):
    url = reverse("portfolios:attachment", args=[portfolio.enrolment.uuid, portfolio.attachment.uuid])
    response = signed_in(learner).get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    stored = Attachment.objects.get(pk=portfolio.attachment.pk)
    assert stored.original_name not in stored.file.name  # renamed on disk
