import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coordinated_care.confidentiality.documents import UnreadableDocument, extract_text

from .documents import make_docx, make_pdf


def test_text_from_a_pdf():
    upload = SimpleUploadedFile("evidence.pdf", make_pdf("Case study two", "NHS number 943 476 5919"))
    text = extract_text(upload)
    assert "Case study two" in text
    assert "943 476 5919" in text
    assert upload.tell() == 0  # left ready to be saved


def test_text_from_a_docx_including_its_header():
    upload = SimpleUploadedFile("reflection.docx", make_docx("First paragraph.", "Mrs Patel rang.", header="Mr Li"))
    text = extract_text(upload)
    assert "First paragraph.\nMrs Patel rang." in text
    assert "Mr Li" in text


@pytest.mark.parametrize(
    "data, expected", [("Siobhán rang me.".encode(), "Siobhán rang me."), ("\ufeffCafé".encode(), "Café")]
)
def test_text_files_in_utf8_with_or_without_a_byte_order_mark(data, expected):
    assert extract_text(SimpleUploadedFile("notes.txt", data)) == expected


def test_text_that_is_not_utf8_is_not_read_as_text():
    # As a portfolio upload refuses it: one rule for what a file is (core.files).
    with pytest.raises(UnreadableDocument):
        extract_text(SimpleUploadedFile("notes.txt", "Café".encode("cp1252")))


@pytest.mark.parametrize("name", ["case.txt", "case.docx", "case", "case.exe"])
def test_the_kind_comes_from_the_bytes_whatever_the_name(name):
    assert "Case study two" in extract_text(SimpleUploadedFile(name, make_pdf("Case study two")))


def test_a_file_over_the_upload_limit_is_not_read(settings):
    settings.PORTFOLIO_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(UnreadableDocument, match="too large"):
        extract_text(SimpleUploadedFile("notes.txt", b"a" * 1025))


@pytest.mark.parametrize(
    "name, data",
    [
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf"),
        ("broken.docx", b"PK\x03\x04 not a zip"),
        ("photo.jpg", b"\xff\xd8\xff\xe0"),
    ],
)
def test_unreadable_files_say_so(name, data):
    with pytest.raises(UnreadableDocument):
        extract_text(SimpleUploadedFile(name, data))


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableDocument):
        extract_text(SimpleUploadedFile("x.docx", buffer.getvalue()))
