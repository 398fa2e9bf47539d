"""Files and entries the portfolio tests build with."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Entry


def pdf_with_text(text):
    """A small, valid one-page PDF showing `text`, which the confidentiality guard can read."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


PDF_BYTES = pdf_with_text("Certificate of completion")
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def pdf(name="certificate.pdf", content=PDF_BYTES, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


CASE_STUDY = {
    "title": "Case study 1: leaving hospital",
    "overview": "An older person living alone needed support after a hospital stay.",
    "coordination": "I arranged a review with the community team and a befriending service.",
    "outcomes": "They felt supported at home; I learned to check transport needs earlier.",
}


def action_content(due_on, area="Digital signposting"):
    return {
        "area_of_focus": area,
        "actions": "Shadow the digital champion",
        "help": "PBF",
        "success_measure": "Sign-off",
        "due_on": due_on,
    }


def add_case_study(enrolment, learner, n=1, criteria=()):
    entry = services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.CASE_STUDY,
        user=learner,
        content={**CASE_STUDY, "title": f"Case study {n}"},
    )
    for criterion in criteria:
        services.link_evidence(entry, criterion=criterion, how_it_shows=f"Shows {criterion.code}", user=learner)
    return entry
