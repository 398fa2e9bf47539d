"""Portfolio pages, one module a part of the portfolio. Views only check access (access.py), call
services for changes and presenters for what a page shows."""

from .adjustments import agree_reasonable_adjustment, reasonable_adjustments, remove_reasonable_adjustment
from .drafts import draft
from .entries import edit_entry, entry, entry_status, entry_version, entry_versions, new_entry, section
from .evidence import criterion, entry_evidence
from .files import attachment, entry_attachments, remove_attachment
from .front_sheet import front_sheet
from .overview import overview
from .redaction import redact_entry
from .training import accredited_training
from .worksheet import values_worksheet
from .workshops import workshop_note, workshops

__all__ = [
    "accredited_training",
    "agree_reasonable_adjustment",
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
    "front_sheet",
    "new_entry",
    "overview",
    "reasonable_adjustments",
    "redact_entry",
    "remove_attachment",
    "remove_reasonable_adjustment",
    "section",
    "values_worksheet",
    "workshop_note",
    "workshops",
]
