"""The forms a training provider maps its curriculum with."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.frameworks.models import FrameworkVersion

from .forms import OrganisationChoiceField


class CourseForm(ConfidentialityCheckedFormMixin, forms.Form):
    title = forms.CharField(
        label="Course title",
        max_length=200,
        error_messages={"required": "Enter the course's title", "max_length": "Title must be 200 characters or fewer"},
    )
    training_provider = OrganisationChoiceField(
        queryset=None,
        label="Training provider",
        empty_label=None,
        error_messages={"required": "Choose the training provider", "invalid_choice": "Choose one of yours"},
    )
    framework_version = forms.ModelChoiceField(
        queryset=FrameworkVersion.objects.published()
        .select_related("framework")
        .order_by("framework__title", "number"),
        label="Framework",
        empty_label=None,
        error_messages={"required": "Choose the framework", "invalid_choice": "Choose a published framework version"},
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training_provider"].queryset = providers
        # With one choice only, it is chosen already.
        for name in ("training_provider", "framework_version"):
            choices = list(self.fields[name].queryset[:2])
            if len(choices) == 1:
                self.fields[name].initial = choices[0].pk
        self.fields["framework_version"].label_from_instance = lambda v: f"{v.framework.title}, {v.label.lower()}"


class SessionForm(ConfidentialityCheckedFormMixin, forms.Form):
    title = forms.CharField(
        label="Session title",
        max_length=200,
        error_messages={"required": "Enter the session's title", "max_length": "Title must be 200 characters or fewer"},
    )
    learning_outcomes = forms.CharField(
        label="Learning outcomes",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text="One a line.",
        error_messages={"max_length": "Learning outcomes must be 5,000 characters or fewer"},
    )
    items = forms.MultipleChoiceField(
        label="Competencies and components the session covers",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one competency or component"},
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_objects = {str(item.pk): item for item in items}
        self.fields["items"].choices = [(str(item.pk), f"{item.code} {item.title}") for item in items]

    def chosen_items(self):
        return [self.item_objects[pk] for pk in self.cleaned_data["items"]]
