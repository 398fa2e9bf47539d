"""Making portfolio PDFs and checking copies of them later.

Who may have a portfolio's PDF is who may read the portfolio (`programmes.services.access`): the
learner, their facilitator and supervisor and the cohort's leads, each while they hold that role.
Each PDF gets a record (`PortfolioExport`) before it is rendered, since the code printed on its
pages must exist first; the record is completed with the file's SHA-256 once the bytes are
stored, so a record with a hash is always of a file that was handed out whole.

Checking a copy (`verify`): the hash of its bytes finds the record of an untouched file; a copy
whose code is known but whose hash is not was altered after it was made; anything else is not a
PDF this service made. Whether the portfolio has changed since is the fingerprint of what the PDF
covered against the portfolio as it reads now."""

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from coordinated_care.core import outbox
from coordinated_care.programmes.models import Enrolment
from coordinated_care.programmes.services import can_read_portfolio

from ..models import PortfolioExport
from . import gather, pdf

logger = logging.getLogger(__name__)

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
CODE_PATTERN = re.compile(r"\b([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z]{4})\b")
FAILED_MESSAGE = "The PDF could not be made. Try again; if it fails again, tell the service desk."


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """What a person typed, as stored: dashes and spaces dropped, the look-alikes read as digits."""
    cleaned = re.sub(r"[\s-]", "", str(text or "")).upper()
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def enrolment_for_command(identifier):
    """The enrolment an operator names by its id or its uuid, or None."""
    identifier = str(identifier).strip()
    queryset = Enrolment.objects.select_related("learner", "facilitator", "supervisor", "practice", "cohort__programme")
    if identifier.isdigit():
        return queryset.filter(pk=int(identifier)).first()
    try:
        return queryset.filter(uuid=identifier).first()
    except Exception:  # not a uuid: Django's ValidationError, or ValueError from the database layer
        return None


def _new_export(enrolment, *, user, via):
    for _ in range(5):  # a clash among 32^12 codes is unlikely; retried rather than assumed away
        code = new_code()
        if not PortfolioExport.objects.filter(code=code).exists():
            break
    return PortfolioExport.objects.create(
        enrolment=enrolment,
        code=code,
        requested_by=user,
        requested_by_name=user.display_name if user else "An operator, with the export_portfolio command",
        requested_via=via,
        requested_at=timezone.now(),
    )


def request_export(enrolment, user):
    """Queue the PDF of a portfolio `user` may read; the task queue makes it (ADR 5)."""
    from ..tasks import make_portfolio_pdf  # the task module imports this one

    if not can_read_portfolio(user, enrolment):
        raise PermissionDenied("Only those who may read the portfolio may have it as a PDF.")
    with transaction.atomic():
        export = _new_export(enrolment, user=user, via=PortfolioExport.Via.WEB)
        # Queued once the record is committed, so a worker in another process finds it; kept in
        # the outbox while the broker is down, so the request still succeeds (ADR 14).
        outbox.enqueue(make_portfolio_pdf, export_id=export.pk)
    return export


def export_now(enrolment):
    """For the export_portfolio command: made here and now. Returns the export and its bytes."""
    export = _new_export(enrolment, user=None, via=PortfolioExport.Via.COMMAND)
    data = generate(export)
    return export, data


def generate(export):
    """Render, hash and store the PDF of `export`, and complete its record. Any failure is kept on
    the record, in words for the person who asked, and raised again."""
    PortfolioExport.objects.filter(pk=export.pk).update(status=PortfolioExport.Status.RUNNING)
    try:
        enrolment = export.enrolment
        document = gather.portfolio_document(enrolment)
        generated_at = timezone.now()
        data = pdf.render_pdf(document, code=export.display_code, generated_at=generated_at)
        export.file.save(f"{export.uuid}.pdf", ContentFile(data), save=False)
        export.fingerprint = gather.fingerprint(document)
        export.generated_at = generated_at
        export.sha256 = hashlib.sha256(data).hexdigest()
        export.size = len(data)
        export.status = PortfolioExport.Status.DONE
        export.error = ""
        export.save(update_fields=["file", "fingerprint", "generated_at", "sha256", "size", "status", "error"])
        return data
    except Exception:
        logger.exception("Portfolio PDF %s could not be made", export.uuid)
        PortfolioExport.objects.filter(pk=export.pk).update(status=PortfolioExport.Status.FAILED, error=FAILED_MESSAGE)
        export.status, export.error = PortfolioExport.Status.FAILED, FAILED_MESSAGE
        raise


def export_in(enrolment, export_uuid, user):
    """One of `user`'s own PDFs of this portfolio, or None: a PDF is for the person who asked."""
    return PortfolioExport.objects.filter(enrolment=enrolment, uuid=export_uuid, requested_by=user).first()


def recent_exports(enrolment, user, limit=5):
    return list(PortfolioExport.objects.filter(enrolment=enrolment, requested_by=user)[:limit])


# Checking a copy.

GENUINE = "genuine"  # the file is byte for byte one the service made
KNOWN = "known"  # a code the service issued (no file given)
ALTERED = "altered"  # the code of a file the service made, but not its bytes
UNKNOWN = "unknown"  # neither the file nor its code is the service's


@dataclass
class Verification:
    result: str
    export: PortfolioExport | None = None
    changed_since: bool | None = None  # None when there is no record to compare with
    reason: str = ""

    @property
    def ok(self):
        return self.result in (GENUINE, KNOWN)


def code_in_pdf(data):
    """The verification code a PDF carries: in its keywords, else in the text of its first page."""
    import io

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        keywords = (reader.metadata or {}).get("/Keywords") or ""
        match = re.search(r"verification-code:([0-9A-Z-]{12,14})", str(keywords))
        if match:
            return normalise_code(match.group(1))
        text = reader.pages[0].extract_text() if reader.pages else ""
    except Exception:  # an altered or foreign file may not even parse
        text = data.decode("latin-1", errors="ignore")
    match = CODE_PATTERN.search(text or "")
    return "".join(match.groups()) if match else ""


def _changed_since(export):
    enrolment = Enrolment.objects.select_related(
        "learner", "facilitator", "supervisor", "practice", "cohort__programme"
    ).get(pk=export.enrolment_id)
    return gather.fingerprint(gather.portfolio_document(enrolment)) != export.fingerprint


def _made(queryset):
    return queryset.filter(status=PortfolioExport.Status.DONE).select_related("enrolment__learner").first()


def verify(*, code="", data=None):
    """What a code, or a file (and, optionally, the code a person read from it), says."""
    if data is not None:
        export = _made(PortfolioExport.objects.filter(sha256=hashlib.sha256(data).hexdigest()))
        if export is not None:
            return Verification(GENUINE, export, _changed_since(export), "The file is exactly as the service made it.")
        code = normalise_code(code) or code_in_pdf(data)
        export = _made(PortfolioExport.objects.filter(code=code)) if code else None
        if export is not None:
            return Verification(
                ALTERED,
                export,
                None,
                "The file carries the code of a portfolio PDF the service made, but it is not that file: "
                "it has been changed since it was made.",
            )
        return Verification(UNKNOWN, reason="The service did not make this file: neither it nor its code is known.")
    code = normalise_code(code)
    export = _made(PortfolioExport.objects.filter(code=code)) if len(code) == CODE_LENGTH else None
    if export is None:
        return Verification(UNKNOWN, reason="No portfolio PDF has this code.")
    return Verification(KNOWN, export, _changed_since(export), "The service made a portfolio PDF with this code.")
