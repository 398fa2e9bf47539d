"""Delegating assessing a learner to a colleague for a period (ADR 16). The rules live in
services.delegations; the form asks for the delegate, the first and last day and the reason."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.core.forms import ServiceErrorsMixin

from .cohorts import PersonChoiceField
from .dates import DateField


class DelegationForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    error_fields = {
        "delegate": "delegate",
        "starts_on": "starts_on",
        "ends_on": "ends_on",
        "overlap": "starts_on",
        "reason": "reason",
    }

    delegate = PersonChoiceField(
        queryset=None,
        label="Who will assess the learner",
        empty_label="Choose a facilitator",
        help_text="Practice-based facilitators in the learner's practice or primary care network.",
        error_messages={
            "required": "Choose who will assess the learner",
            "invalid_choice": "Choose a facilitator from the list",
        },
    )
    starts_on = DateField(label="First day", help_text="For example, 15 3 2027.")
    ends_on = DateField(label="Last day", help_text="The delegate has access up to the end of this day.")
    reason = forms.CharField(
        label="Why you are delegating",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, annual leave. Do not include anything that could identify a patient.",
        error_messages={
            "required": "Say why you are delegating",
            "max_length": "The reason must be 500 characters or fewer",
        },
    )

    def __init__(self, *args, delegates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = delegates
