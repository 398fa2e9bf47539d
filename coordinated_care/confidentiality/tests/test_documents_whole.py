"""Issue 16, item 6: a document is read whole (properties, comments, footers and tracked changes of
a DOCX; metadata and notes of a PDF), and a long document is checked, not refused with an error."""

from django.core.files.uploadedfile import SimpleUploadedFile

from coordinated_care.confidentiality.documents import extract_text
from coordinated_care.confidentiality.service import scan

from .documents import make_docx, make_pdf


def docx_text(**kwargs) -> str:
    return extract_text(SimpleUploadedFile("reflection.docx", make_docx("Body text.", **kwargs)))


def test_docx_properties_are_read():
    text = docx_text(title="Case study of Mrs Thompson", author="Jo Bloggs", modified_by="Sam Lee", revision="7")
    assert "Case study of Mrs Thompson" in text
    assert "Jo Bloggs" in text
    assert "Sam Lee" in text
    assert "\n7" not in text  # the revision count is Word's, not the author's


def test_docx_tracked_deletions_and_insertions_are_read():
    text = docx_text(deleted="NHS number 943 476 5919", inserted="the NHS number")
    assert "943 476 5919" in text
    assert "the NHS number" in text


def test_docx_comments_and_footers_are_read():
    text = docx_text(comment="Ring Mrs Begum on 07700 900123", footer="B15 2TT")
    assert "Ring Mrs Begum on 07700 900123" in text
    assert "B15 2TT" in text


def test_what_a_docx_hides_blocks_like_what_it_shows():
    text = docx_text(deleted="She lives at B15 2TT.", title="Review of Mr Okafor")
    assert {f.type for f in scan(text)} >= {"POSTCODE", "PERSON"}


def test_pdf_metadata_and_notes_are_read():
    data = make_pdf("Case study two", title="Mrs Begum case", author="A Learner", note="DOB 03/03/1950")
    text = extract_text(SimpleUploadedFile("evidence.pdf", data))
    assert "Case study two" in text
    assert "Mrs Begum case" in text
    assert "A Learner" in text
    assert "DOB 03/03/1950" in text


def test_a_docx_of_over_a_million_characters_is_checked_and_its_identifiers_found():
    filler = "1234567890123456789012345678901234567890123456789 " * 11_000
    upload = SimpleUploadedFile("long.docx", make_docx(filler, "Her postcode is B15 2TT.", filler))
    text = extract_text(upload)
    assert len(text) > 1_000_000
    assert [text[f.start : f.end] for f in scan(text)] == ["B15 2TT"]
