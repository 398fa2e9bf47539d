"""Presenters turn a portfolio's models into what its pages show (see docs/architecture.md)."""

from .entries import content_sections, edit_url, entry_page, section_page, status_tag, version_page, versions_page
from .pages import (
    accredited_training,
    accredited_training_page,
    criterion_page,
    link_documents,
    overview_page,
    values_worksheet_page,
    workshop_for,
    workshops_page,
)

__all__ = [
    "accredited_training",
    "accredited_training_page",
    "content_sections",
    "criterion_page",
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
    "workshops_page",
]
