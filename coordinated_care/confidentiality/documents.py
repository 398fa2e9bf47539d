"""The text inside an uploaded document (PDF, Word .docx or plain text), so that evidence uploaded
as a file is checked exactly like evidence typed into a form.

What a file is comes from its bytes, as for every upload (`core.files`), never from its name. DOCX
is read with the standard library (it is a zip of XML), which keeps a dependency out for a job of
thirty lines. Sizes are capped (PORTFOLIO_UPLOAD_MAX_BYTES, and what a DOCX unzips to) before
anything is decompressed or parsed, because an upload is untrusted input."""

import io
import zipfile
from xml.etree import ElementTree

from coordinated_care.core.files import DOCX, PDF, TEXT, detect_type, max_upload_bytes

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The body and everything else Word keeps with it: headers, footers, footnotes, endnotes, comments
# (and their replies), text boxes and tracked insertions inside those, and tracked deletions
# (w:delText), which Word no longer shows but still stores and a reviewer can restore.
DOCX_PARTS = (
    "word/document.xml",
    "word/header",
    "word/footer",
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/comments",
)
# The document's properties: title, subject, author, last modified by, keywords, description
# (core), company and manager (app), and any custom property; File > Info shows them, and they travel
# with the file.
DOCX_PROPERTIES = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
# Properties that are the software's, not the author's words.
SOFTWARE_PROPERTIES = frozenset(
    "Template TotalTime Pages Words Characters Application DocSecurity Lines Paragraphs ScaleCrop LinksUpToDate"
    " CharactersWithSpaces SharedDoc HyperlinksChanged AppVersion created modified revision lastPrinted".split()
)
PDF_METADATA = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator")


class UnreadableDocument(ValueError):
    """The file is not a PDF, DOCX or text file we can read."""


def extract_text(uploaded_file, file_type=None) -> str:
    """All the text in `uploaded_file` (a Django UploadedFile or any binary file object), whose
    type `core.files.detect_type` gives (pass it when it is known already)."""
    data = _read(uploaded_file)
    file_type = file_type or detect_type(uploaded_file)
    if file_type == PDF:
        return _pdf_text(data)
    if file_type == DOCX:
        return _docx_text(data)
    if file_type == TEXT:
        return _plain_text(data)
    raise UnreadableDocument("it is not a PDF, a Word document or a text file")


def _read(uploaded_file) -> bytes:
    limit = max_upload_bytes()
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    uploaded_file.seek(0)  # the caller still saves the file
    if len(data) > limit:
        raise UnreadableDocument("the file is too large to check")
    return data


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocument("the PDF is password-protected")
        texts = [page.extract_text() or "" for page in reader.pages]
        texts += [_pdf_annotations(page) for page in reader.pages]
        metadata = reader.metadata or {}
        texts += [str(metadata[key]) for key in PDF_METADATA if metadata.get(key)]
        return "\n".join(t for t in texts if t)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise UnreadableDocument("the PDF could not be read") from error


def _pdf_annotations(page) -> str:
    """The text of comments and sticky notes on a page (the /Contents of its annotations)."""
    texts = []
    for annotation in page.get("/Annots") or []:
        contents = annotation.get_object().get("/Contents")
        if contents:
            texts.append(str(contents))
    return "\n".join(texts)


def _docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            parts = [i for i in infos if i.filename.startswith(DOCX_PARTS) and i.filename.endswith(".xml")]
            properties = [i for i in infos if i.filename in DOCX_PROPERTIES]
            if not any(i.filename == "word/document.xml" for i in parts):
                raise UnreadableDocument("the file is not a Word document")
            if sum(i.file_size for i in parts + properties) > MAX_UNZIPPED_BYTES:
                raise UnreadableDocument("the document is too large to check")
            texts = [_docx_paragraphs(archive.read(i)) for i in parts]
            texts += [_docx_properties(archive.read(i)) for i in properties]
            return "\n".join(t for t in texts if t)
    except (zipfile.BadZipFile, ElementTree.ParseError) as error:
        raise UnreadableDocument("the Word document could not be read") from error


def _docx_paragraphs(xml: bytes) -> str:
    # Python's expat refuses entity expansion attacks and never fetches external entities.
    root = ElementTree.fromstring(xml)
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag in (f"{W}t", f"{W}delText") and node.text:
                parts.append(node.text)
            elif node.tag == f"{W}tab":
                parts.append("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _docx_properties(xml: bytes) -> str:
    """Every property's value, one a line, except the counts and versions Word writes itself."""
    root = ElementTree.fromstring(xml)
    values = []
    for node in root.iter():
        name = node.tag.rsplit("}", 1)[-1]
        if node.text and node.text.strip() and name not in SOFTWARE_PROPERTIES and len(node) == 0:
            values.append(node.text.strip())
    return "\n".join(values)


def _plain_text(data: bytes) -> str:
    # Text is UTF-8 (core.files says so before this is reached); a byte-order mark is dropped.
    return data.decode("utf-8-sig")
