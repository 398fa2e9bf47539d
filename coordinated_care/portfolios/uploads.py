"""Uploaded files: certificates and documents a learner adds to their portfolio.

What a file is gets decided from its bytes, never from its name or the content type the browser
sent, since both are chosen by whoever uploads it. Files are kept through Django's storage API
(the filesystem by default, object storage in production) under a random name, and are only ever
served by the `portfolios:attachment` view, which checks who may read the portfolio."""

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction

from coordinated_care.programmes.services import can_edit_portfolio

from .models import Attachment

_HEAD = 8


def _check_author(user, enrolment):
    if not can_edit_portfolio(user, enrolment):
        raise PermissionDenied("Only the learner can add files to their portfolio while it is in progress.")


def max_upload_bytes():
    return settings.PORTFOLIO_UPLOAD_MAX_BYTES


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

ALLOWED_DESCRIPTION = "a PDF, JPEG, PNG, Word document (.docx) or plain text file"


def _chunks(uploaded_file):
    uploaded_file.seek(0)
    yield from uploaded_file.chunks()


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
    decoder_input = b"".join(_chunks(uploaded_file))
    try:
        text = decoder_input.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # Control characters other than tabs, line and page breaks mean it is not meant to be read as text.
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text)


def detect_type(uploaded_file):
    """The file's type from its content, or None when it is none of the kinds accepted."""
    uploaded_file.seek(0)
    head = uploaded_file.read(_HEAD)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return DOCX if _is_docx(uploaded_file) else None
    return TEXT if _is_text(uploaded_file) else None


def check_upload(uploaded_file):
    """Refuse a file that is empty, too large or not one of the accepted kinds; return its type.
    The messages follow the NHS file upload pattern."""
    limit = max_upload_bytes()
    if uploaded_file.size == 0:
        raise ValidationError("The selected file is empty")
    if uploaded_file.size > limit:
        raise ValidationError(f"The selected file must be smaller than {limit // (1024 * 1024)} MB")
    file_type = detect_type(uploaded_file)
    if file_type is None:
        raise ValidationError(f"The selected file must be {ALLOWED_DESCRIPTION}")
    return file_type


def safe_filename(original_name, file_type):
    """A download name that cannot break out of a header or a folder, ending in the extension of
    what the file really is."""
    base = original_name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    # Letters and digits of any script stay (Django encodes them as RFC 5987 filename*), as do
    # spaces, dots, hyphens and underscores; quotes, slashes and control characters go.
    stem = re.sub(r"[^\w .-]+", "", stem).strip(" .") or "file"
    return f"{stem[:100]}.{file_type.extension}"


def _sha256(uploaded_file):
    digest = hashlib.sha256()
    for chunk in _chunks(uploaded_file):
        digest.update(chunk)
    return digest.hexdigest()


def store_upload(enrolment, uploaded_file, user, entry=None):
    """Check and keep an uploaded file in the learner's portfolio. The file is stored first and
    its row made after; if the row cannot be made, the stored file is removed again."""
    _check_author(user, enrolment)
    if entry is not None and entry.enrolment_id != enrolment.pk:
        raise ValidationError("That entry is not part of this portfolio.")
    file_type = check_upload(uploaded_file)
    attachment = Attachment(
        enrolment=enrolment,
        entry=entry,
        original_name=safe_filename(uploaded_file.name or "", file_type),
        content_type=file_type.content_type,
        size=uploaded_file.size,
        sha256=_sha256(uploaded_file),
        uploaded_by=user,
    )
    uploaded_file.seek(0)
    # The name given here is replaced by `attachment_path`: a random one under the enrolment.
    attachment.file.save("upload", File(uploaded_file), save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    # Should an outer transaction roll back later, the file stays behind without a row: it can
    # never be served (only rows are), and storage can be swept for names no row holds.
    return attachment


@transaction.atomic
def remove_attachment(attachment, *, user):
    """Remove an uploaded file, for example one that turned out to hold a patient's details."""
    _check_author(user, attachment.enrolment)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
