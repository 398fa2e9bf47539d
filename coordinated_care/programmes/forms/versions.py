"""The forms a programme lead changes a draft version of a programme with (ADR 17)."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.core.forms import ServiceErrorsMixin


class CriterionForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    error_fields = {"title": "title", "wording": "wording", "code": "code", "group": "group"}

    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={
            "required": "Enter the criterion's title",
            "max_length": "Title must be 300 characters or fewer",
        },
    )
    wording = forms.CharField(
        label="Wording",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the learner must show, in the programme's words.",
        error_messages={"required": "Enter the criterion's wording"},
    )


class NewCriterionForm(CriterionForm):
    group = forms.ModelChoiceField(
        queryset=None,
        label="Group",
        empty_label=None,
        error_messages={"required": "Choose the criterion's group", "invalid_choice": "Choose a group from the list"},
    )
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="For example, PC7. Criteria of the same code in two versions are the same criterion.",
        error_messages={"required": "Enter the criterion's code", "max_length": "Code must be 20 characters or fewer"},
    )

    field_order = ["group", "code", "title", "wording"]

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = draft.criterion_groups.order_by("position")


class PlanWorkshopForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    error_fields = {"theme": "theme"}

    theme = forms.CharField(
        label="Theme",
        max_length=200,
        error_messages={
            "required": "Enter the workshop's theme",
            "max_length": "Theme must be 200 characters or fewer",
        },
    )
    weeks_after_start = forms.IntegerField(
        label="Weeks after the start",
        min_value=0,
        max_value=104,
        help_text="0 for the first day of the programme.",
        error_messages={
            "required": "Enter how many weeks after the start the workshop is",
            "invalid": "Weeks after the start must be a number, like 4",
            "min_value": "Weeks after the start must be 0 or more",
            "max_value": "Weeks after the start must be 104 or fewer",
        },
    )
