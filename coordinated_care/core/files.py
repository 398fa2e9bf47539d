"""What an uploaded file is, decided from its bytes, never from its name or the content type the
browser sent, since both are chosen by whoever uploads it; and how large an upload may be
(PORTFOLIO_UPLOAD_MAX_BYTES). The portfolio's uploads and the confidentiality guard's reading of
documents both ask here, so a file is one kind, and one size too many, everywhere."""

import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings

_HEAD = 8


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    description: str


PDF = FileType("application/pdf", "pdf", "PDF")
PNG = FileType("image/png", "png", "PNG image")
JPEG = FileType("image/jpeg", "jpg", "JPEG image")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word document")
TEXT = FileType("text/plain; charset=utf-8", "txt", "text file")
# The kinds whose text can be read (and so checked for patient details); images carry none.
WITH_TEXT = (PDF, DOCX, TEXT)


def max_upload_bytes():
    return settings.PORTFOLIO_UPLOAD_MAX_BYTES


def _is_docx(uploaded_file):
    # A .docx is a zip holding word/document.xml. Only the zip's directory is read, never its
    # members, so a compressed "bomb" costs nothing here.
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names


def _is_text(uploaded_file):
    uploaded_file.seek(0)
    try:
        text = uploaded_file.read().decode("utf-8")
    except UnicodeDecodeError:
        return False
    # Control characters other than tabs, line and page breaks mean it is not meant to be read as text.
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text)


def detect_type(uploaded_file):
    """The file's type from its content, or None when it is none of the kinds known here. Text
    means UTF-8 text (what the service serves it as). Check the size first: text is read whole.
    Leaves the file rewound."""
    uploaded_file.seek(0)
    head = uploaded_file.read(_HEAD)
    if head.startswith(b"%PDF-"):
        file_type = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        file_type = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        file_type = JPEG
    elif head.startswith(b"PK\x03\x04"):
        file_type = DOCX if _is_docx(uploaded_file) else None
    else:
        file_type = TEXT if _is_text(uploaded_file) else None
    uploaded_file.seek(0)
    return file_type
