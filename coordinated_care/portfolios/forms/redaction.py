"""Removing a patient identifier from an entry already saved (portfolios.redaction, ADR 12)."""

from django import forms

from ..redaction import EVERY_FIELD, field_choices
from .fields import NHSRadioSelect

# Why, from a fixed list: the reason is kept in the history, and a list cannot hold the identifier.
REASONS = (
    ("patient_name", "It names a patient, service user or carer"),
    ("record_number", "It is an NHS number, hospital number or other record number"),
    ("address", "It is an address or postcode"),
    ("date_of_birth", "It is a date of birth or another date that identifies someone"),
    ("contact", "It is a phone number or e-mail address of a patient"),
    ("other", "It could identify a patient in another way"),
)


class RedactionForm(forms.Form):
    text = forms.CharField(
        label="The text to remove",
        help_text="Copy it exactly as it is written. Every place it appears in this entry, its earlier versions "
        "and its history is replaced by “[removed: patient identifier]”.",
        max_length=300,
        strip=False,
        error_messages={"required": "Enter the identifier to remove, exactly as it is written"},
    )
    field = forms.ChoiceField(label="Where it is", initial=EVERY_FIELD)
    reason = forms.ChoiceField(
        label="Why it is being removed",
        choices=REASONS,
        widget=NHSRadioSelect,
        error_messages={"required": "Select why it is being removed"},
    )

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = field_choices(entry)

    def reason_label(self):
        return dict(REASONS)[self.cleaned_data["reason"]]
