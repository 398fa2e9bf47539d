"""Files and entries the portfolio tests build with."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Entry

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
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
    return {"area_of_focus": area, "actions": "Shadow the digital champion", "help": "PBF", "success_measure": "Sign-off", "due_on": due_on}


def add_case_study(enrolment, learner, n=1, criteria=()):
    entry = services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, user=learner, content={**CASE_STUDY, "title": f"Case study {n}"}
    )
    for criterion in criteria:
        services.link_evidence(entry, criterion=criterion, how_it_shows=f"Shows {criterion.code}", user=learner)
    return entry
