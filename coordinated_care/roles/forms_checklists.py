"""The forms of a service's development checklist."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.programmes.forms.dates import DateField

from .forms import OrganisationChoiceField
from .models import ChecklistEntry


class ServiceForm(ConfidentialityCheckedFormMixin, forms.Form):
    name = forms.CharField(
        label="Name of the service",
        max_length=200,
        help_text="For example, 'Care coordination for people with frailty'.",
        error_messages={
            "required": "Enter the name of the service",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    organisation = OrganisationChoiceField(
        queryset=None,
        label="Which organisation is developing it?",
        empty_label=None,
        error_messages={"required": "Choose the organisation", "invalid_choice": "Choose one of your organisations"},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class EntryForm(ConfidentialityCheckedFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=ChecklistEntry.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a status"},
    )
    owner = forms.CharField(
        label="Owner",
        required=False,
        max_length=200,
        help_text="Who is taking it forward, for example 'PCN clinical director'.",
        error_messages={"max_length": "Owner must be 200 characters or fewer"},
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"max_length": "Notes must be 5,000 characters or fewer"},
    )
    review_date = DateField(label="Review date", required=False, help_text="For example, 15 3 2027.")
