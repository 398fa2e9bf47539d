"""The forms a learner writes their portfolio with.

Every one of them derives from `PortfolioForm`, so that the confidentiality guard (which scans
free text for anything that could identify a patient) is added in one place. Entries of every
kind share one form, `EntryForm`, which builds exactly the fields its kind declares in kinds.py."""

from .base import PortfolioForm
from .fields import AttachmentField, NHSDateField, declared_field
from .portfolio import AccreditedTrainingForm, AttachmentForm, EntryForm, EvidenceForm, ValuesWorksheetForm

__all__ = [
    "AccreditedTrainingForm",
    "AttachmentField",
    "AttachmentForm",
    "EntryForm",
    "EvidenceForm",
    "NHSDateField",
    "PortfolioForm",
    "ValuesWorksheetForm",
    "declared_field",
]
