"""A reasonable adjustment, as the learner or those who support them write it down."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin


class ReasonableAdjustmentForm(ConfidentialityCheckedFormMixin, forms.Form):
    adjustment = forms.CharField(
        label="What is the adjustment?",
        help_text=(
            "The need and what will be done for it, for example: extra time to write up case studies, "
            "or printed copies of workshop slides in a larger font."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the adjustment",
            "max_length": "The adjustment must be 2,000 characters or fewer",
        },
    )
