"""Uploaded files: certificates and documents a learner adds to their portfolio.

What a file is gets decided from its bytes (`core.files`, which the confidentiality guard's reading
of documents asks too), never from its name or the content type the browser sent. Files are kept
through Django's storage API (the filesystem by default, object storage in production) under a
random name, and are only ever served by the `portfolios:attachment` view, which checks who may
read the portfolio."""

import hashlib
import re
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from coordinated_care.core.files import DOCX, JPEG, PDF, PNG, TEXT, detect_type, max_upload_bytes
from coordinated_care.programmes.services import can_edit_portfolio

from .models import Attachment


def _check_author(user, enrolment):
    if not can_edit_portfolio(user, enrolment):
        raise PermissionDenied("Only the learner can add files to their portfolio while it is in progress.")


# Every kind core.files knows is accepted: documents, and photographs of certificates.
ACCEPTED = (PDF, JPEG, PNG, DOCX, TEXT)
ALLOWED_DESCRIPTION = "a PDF, JPEG, PNG, Word document (.docx) or plain text file"


def _chunks(uploaded_file):
    uploaded_file.seek(0)
    yield from uploaded_file.chunks()


def check_upload(uploaded_file):
    """Refuse a file that is empty, too large or not one of the accepted kinds; return its type.
    The messages follow the NHS file upload pattern."""
    limit = max_upload_bytes()
    if uploaded_file.size == 0:
        raise ValidationError("The selected file is empty")
    if uploaded_file.size > limit:
        raise ValidationError(f"The selected file must be smaller than {limit // (1024 * 1024)} MB")
    file_type = detect_type(uploaded_file)
    if file_type not in ACCEPTED:
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
    """Remove an uploaded file, for example one that turned out to hold a patient's details. A
    file a signature binds (ADR 11) is never deleted: it is hidden from the entry instead, which
    shows the sign-off as changed, and kept in storage as the evidence that was signed. Returns
    whether the file was deleted (False: hidden)."""
    _check_author(user, attachment.enrolment)
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.signed:
        if attachment.hidden_at is None:
            attachment.hidden_at = timezone.now()
            attachment.save(update_fields=["hidden_at"])
        return False
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
    return True
