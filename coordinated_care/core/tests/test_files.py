"""The one sniffer: what a file is comes from its bytes, for the portfolio's uploads and for the
confidentiality guard's reading of documents alike."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coordinated_care.core import files


def docx_bytes(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


WORD = docx_bytes("[Content_Types].xml", "word/document.xml")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.4\n%%EOF\n", files.PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, files.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", files.JPEG),
        (WORD, files.DOCX),
        ("Notes – café, naïve 🙂\n\tIndented\r\n".encode(), files.TEXT),
        ("\ufeffWith a byte-order mark".encode(), files.TEXT),
        (docx_bytes("payload.html"), None),  # a zip, not a Word document
        (b"PK\x03\x04 not a zip at all", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows program
        (b"GIF89a\x01\x00", None),
        ("caf\xe9".encode("latin-1"), None),  # text, but not UTF-8
        (b"text with a \x00 in it", None),
    ],
)
def test_the_type_comes_from_the_bytes_whatever_the_name(content, expected):
    for name in ("certificate.pdf", "notes.txt", "page.html", "no-extension"):
        upload = SimpleUploadedFile(name, content, content_type="application/pdf")
        assert files.detect_type(upload) == expected
        assert upload.tell() == 0  # left ready to be read or saved


def test_the_kinds_with_text_are_documents_not_images():
    assert files.WITH_TEXT == (files.PDF, files.DOCX, files.TEXT)


def test_one_size_limit_from_one_setting(settings):
    settings.PORTFOLIO_UPLOAD_MAX_BYTES = 2048
    assert files.max_upload_bytes() == 2048
