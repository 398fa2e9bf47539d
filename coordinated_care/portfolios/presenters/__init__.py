"""Presenters turn a portfolio's models into what its pages show (see docs/architecture.md)."""

from .entries import (
    conflict,
    content_sections,
    edit_url,
    entry_page,
    section_page,
    status_tag,
    version_page,
    versions_page,
)
from .pages import (
    accredited_training,
    accredited_training_page,
    criterion_page,
    evidence_choices,
    link_documents,
    overview_page,
    values_worksheet_page,
    workshop_for,
    workshop_note,
    workshops_page,
)

__all__ = [
    "accredited_training",
    "accredited_training_page",
    "conflict",
    "content_sections",
    "criterion_page",
    "evidence_choices",
    "edit_url",
    "entry_page",
    "link_documents",
    "overview_page",
    "section_page",
    "status_tag",
    "values_worksheet_page",
    "version_page",
    "versions_page",
    "workshop_for",
    "workshop_note",
    "workshops_page",
]
