"""Portfolio pages, one module a part of the portfolio. Views only check access (access.py), call
services for changes and presenters for what a page shows."""

from .drafts import draft
from .entries import edit_entry, entry, entry_status, entry_version, entry_versions, new_entry, section
from .evidence import criterion, entry_evidence
from .files import attachment, entry_attachments, remove_attachment
from .overview import overview
from .redaction import redact_entry
from .training import accredited_training
from .worksheet import values_worksheet
from .workshops import workshop_note, workshops

__all__ = [
    "accredited_training",
    "attachment",
    "criterion",
    "draft",
    "edit_entry",
    "entry",
    "entry_attachments",
    "entry_evidence",
    "entry_status",
    "entry_version",
    "entry_versions",
    "new_entry",
    "overview",
    "redact_entry",
    "remove_attachment",
    "section",
    "values_worksheet",
    "workshop_note",
    "workshops",
]
