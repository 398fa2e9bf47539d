"""The forms a programme lead fills in. Each lists its fields; the rules live in the services,
whose errors come back to the field they are about."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.core.forms import ServiceErrorsMixin
from coordinated_care.programmes.services import scope

from .dates import DateField

EMAIL_FORMAT = "Enter an e-mail address in the correct format, like name@example.com"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class CohortForm(ConfidentialityCheckedFormMixin, forms.Form):
    programme = forms.ModelChoiceField(
        queryset=None,
        label="Programme",
        empty_label=None,
        error_messages={
            "required": "Choose the programme the cohort runs",
            "invalid_choice": "Choose a programme from the list",
        },
    )
    name = forms.CharField(
        label="Cohort name",
        max_length=200,
        help_text="For example, 'Valley cohort, spring 2027'.",
        error_messages={
            "required": "Enter the cohort's name",
            "max_length": "Cohort name must be 200 characters or fewer",
        },
    )
    start_date = DateField(
        label="Start date",
        help_text="The date of the first workshop, WS1. For example, 15 3 2027. The other workshops are dated from it.",
    )
    training_provider = forms.ModelChoiceField(
        queryset=None,
        label="Training provider",
        empty_label=None,
        error_messages={
            "required": "Choose the training provider that runs the cohort",
            "invalid_choice": "Choose one of your training providers",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = scope.programmes_to_run()
        self.fields["training_provider"].queryset = scope.training_providers_for(user)


class WorkshopForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    """A cohort's workshop, changed or added by whoever runs the cohort."""

    error_fields = {"theme": "theme"}

    # Left empty when a workshop is changed, its theme stays as it is; a new one needs one.
    theme = forms.CharField(
        label="Theme",
        required=False,
        max_length=200,
        error_messages={"max_length": "Theme must be 200 characters or fewer"},
    )
    date = DateField(label="Date", help_text="For example, 15 3 2027.")
    location = forms.CharField(
        label="Location",
        required=False,
        max_length=200,
        help_text="For example, the training hub's address, or 'Online'.",
        error_messages={"max_length": "Location must be 200 characters or fewer"},
    )


class EnrolmentForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    # The people named here are the learner being enrolled and their signatory: colleagues by
    # definition, so their names are not questioned.
    confidentiality_exempt_fields = ("learner_full_name", "additional_signatory_name")
    error_fields = {
        "full_name_required": "learner_full_name",
        "already_enrolled": "learner_email",
        "self_assessment": "facilitator",
        "not_facilitator": "facilitator",
        "address_unconfirmed": "learner_email",
    }

    learner_email = forms.EmailField(
        label="Learner's e-mail address",
        error_messages={"required": "Enter the learner's e-mail address", "invalid": EMAIL_FORMAT},
    )
    learner_full_name = forms.CharField(
        label="Learner's full name",
        required=False,
        max_length=200,
        help_text="Only needed if they do not have an account yet: one will be made for them.",
        error_messages={"max_length": "Full name must be 200 characters or fewer"},
    )
    practice = forms.ModelChoiceField(
        queryset=None,
        label="Their practice",
        empty_label="Choose a practice",
        error_messages={
            "required": "Choose the learner's practice",
            "invalid_choice": "Choose a practice from the list",
        },
    )
    facilitator = PersonChoiceField(
        queryset=None,
        label="Practice-based facilitator",
        empty_label="Choose a facilitator",
        help_text="Only people with the practice-based facilitator role are listed.",
        error_messages={
            "required": "Choose the learner's practice-based facilitator",
            "invalid_choice": "Choose a facilitator from the list",
        },
    )
    supervisor = PersonChoiceField(
        queryset=None,
        label="Workplace supervisor or mentor (optional)",
        required=False,
        empty_label="No supervisor yet",
        error_messages={"invalid_choice": "Choose a supervisor from the list"},
    )
    additional_signatory_name = forms.CharField(
        label="Additional signatory's name (optional)",
        required=False,
        max_length=200,
        help_text="Someone else who signs the initial discussion and final review. They do not need an account.",
        error_messages={"max_length": "Name must be 200 characters or fewer"},
    )
    additional_signatory_email = forms.EmailField(
        label="Additional signatory's e-mail address (optional)",
        required=False,
        error_messages={"invalid": EMAIL_FORMAT},
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = scope.practices_for(cohort)
        self.fields["facilitator"].queryset = scope.facilitators_for(cohort)
        self.fields["supervisor"].queryset = scope.supervisors_for(cohort)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("additional_signatory_email") and not cleaned.get("additional_signatory_name", "").strip():
            self.add_error("additional_signatory_name", "Enter the additional signatory's name")
        return cleaned
