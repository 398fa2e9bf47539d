"""The forms that change one learner's own schedule (their facilitator or the cohort's leads),
each change with its reason. The cohort's own workshops are changed with forms.cohorts.WorkshopForm."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.core.forms import ServiceErrorsMixin

from .dates import DateField

REASON_HELP = "The learner reads this on their schedule. Do not name patients."


class LearnerWorkshopForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    """One of the cohort's workshops, for one learner."""

    AS_PLANNED = "as_planned"
    error_fields = {"reason": "reason", "date": "date", "kind": "kind"}

    kind = forms.ChoiceField(
        label="For this learner, the workshop is",
        choices=[
            (AS_PLANNED, "On the cohort's date"),
            ("moved", "Moved to another date"),
            ("not_applicable", "Not applicable"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the workshop is for this learner"},
    )
    date = DateField(label="The learner's date", required=False, help_text="Only if it moves. For example, 15 3 2027.")
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=REASON_HELP,
        error_messages={"max_length": "Reason must be 1,000 characters or fewer"},
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == "moved" and not cleaned.get("date") and "date" not in self.errors:
            self.add_error("date", "Enter the learner's date")
        if kind in ("moved", "not_applicable") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Enter the reason for the change")
        return cleaned


class LearnerAddedWorkshopForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    """A workshop for one learner alone."""

    error_fields = {"reason": "reason", "date": "date", "theme": "theme"}

    theme = forms.CharField(
        label="Theme",
        max_length=200,
        error_messages={
            "required": "Enter the workshop's theme",
            "max_length": "Theme must be 200 characters or fewer",
        },
    )
    date = DateField(label="Date", help_text="For example, 15 3 2027.")
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=REASON_HELP,
        error_messages={
            "required": "Enter the reason for the change",
            "max_length": "Reason must be 1,000 characters or fewer",
        },
    )
