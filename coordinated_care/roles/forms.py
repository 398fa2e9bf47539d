"""The forms an employer fills in. Each lists its fields; the rules live in the services, whose
errors come back to the field they are about. Every text field goes through the confidentiality
guard: a role profile is shared with candidates and other organisations."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.core.forms import ServiceErrorsMixin
from coordinated_care.frameworks.models import FrameworkVersion

from .models import TESTED_BY, Level, Priority
from .services import PickSpec, ProfileSpec


def field_key(code):
    """A form field's name for an item's code: COM.1 → COM_1."""
    return code.replace(".", "_")


class DetailsFields(forms.Form):
    title = forms.CharField(
        label="Job title",
        max_length=200,
        help_text="For example, 'Care coordinator'.",
        error_messages={"required": "Enter the job title", "max_length": "Job title must be 200 characters or fewer"},
    )
    purpose = forms.CharField(
        label="Purpose of the role",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text="Why the role exists, in a few sentences. It opens the job description and the advert.",
        error_messages={"max_length": "Purpose must be 5,000 characters or fewer"},
    )
    setting = forms.CharField(
        label="Setting",
        required=False,
        max_length=200,
        help_text="Where the role works, for example 'GP practice'.",
        error_messages={"max_length": "Setting must be 200 characters or fewer"},
    )
    band = forms.CharField(
        label="Band",
        required=False,
        max_length=100,
        help_text="For example, 'Agenda for Change band 4'.",
        error_messages={"max_length": "Band must be 100 characters or fewer"},
    )
    hours = forms.CharField(
        label="Hours",
        required=False,
        max_length=100,
        help_text="For example, '37.5 hours a week'.",
        error_messages={"max_length": "Hours must be 100 characters or fewer"},
    )
    duties = forms.CharField(
        label="Local duties",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text="Duties of this post beyond the framework's competencies, one a line.",
        error_messages={"max_length": "Local duties must be 5,000 characters or fewer"},
    )


class ProfileForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, DetailsFields):
    """The details of a draft and, in one grid, every competency and component of its framework
    version: ticked or not, essential or desirable, the level expected and how it is tested."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            key = field_key(item.code)
            self.fields[f"pick_{key}"] = forms.BooleanField(required=False, label=item.title)
            self.fields[f"priority_{key}"] = forms.ChoiceField(
                choices=Priority.choices,
                initial=Priority.ESSENTIAL,
                required=False,
                label=f"Priority of {item.code}",
            )
            self.fields[f"level_{key}"] = forms.ChoiceField(
                choices=Level.choices,
                initial=Level.PRACTISING,
                required=False,
                label=f"Level expected of {item.code}",
            )
            self.fields[f"tested_{key}"] = forms.MultipleChoiceField(
                choices=TESTED_BY, required=False, label=f"How {item.code} is tested"
            )

    @staticmethod
    def initial_from(version, picks):
        initial = {name: getattr(version, name) for name in ("title", "purpose", "setting", "band", "hours")}
        initial["duties"] = "\n".join(version.duty_lines)
        for pick in picks:
            key = field_key(pick.item.code)
            initial.update(
                {
                    f"pick_{key}": True,
                    f"priority_{key}": pick.priority,
                    f"level_{key}": pick.level,
                    f"tested_{key}": pick.tested_by,
                }
            )
        return initial

    def rows(self):
        """Per item: the item and its four bound fields, for the grid."""
        for item in self.items:
            key = field_key(item.code)
            yield {
                "item": item,
                "pick": self[f"pick_{key}"],
                "priority": self[f"priority_{key}"],
                "level": self[f"level_{key}"],
                "tested": self[f"tested_{key}"],
            }

    def spec(self):
        data = self.cleaned_data
        picks = tuple(
            PickSpec(
                item.code,
                data[f"priority_{field_key(item.code)}"] or Priority.ESSENTIAL,
                data[f"level_{field_key(item.code)}"] or Level.PRACTISING,
                tuple(value for value, _ in TESTED_BY if value in data[f"tested_{field_key(item.code)}"]),
            )
            for item in self.items
            if data.get(f"pick_{field_key(item.code)}")
        )
        return ProfileSpec(
            title=data["title"].strip(),
            purpose=data["purpose"].strip(),
            setting=data["setting"].strip(),
            band=data["band"].strip(),
            hours=data["hours"].strip(),
            duties=tuple(line.strip() for line in data["duties"].splitlines() if line.strip()),
            picks=picks,
        )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class CreateForm(ConfidentialityCheckedFormMixin, forms.Form):
    organisation = OrganisationChoiceField(
        queryset=None,
        label="Which organisation is the role in?",
        empty_label=None,
        error_messages={"required": "Choose the organisation", "invalid_choice": "Choose one of your organisations"},
    )
    framework_version = forms.ModelChoiceField(
        queryset=FrameworkVersion.objects.published()
        .select_related("framework")
        .order_by("framework__title", "number"),
        label="Framework",
        empty_label=None,
        help_text="The role's competencies are picked from a published framework version.",
        error_messages={
            "required": "Choose the framework",
            "invalid_choice": "Choose a published framework version",
        },
    )
    title = DetailsFields.base_fields["title"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["framework_version"].label_from_instance = lambda v: f"{v.framework.title}, {v.label.lower()}"


class CopyForm(forms.Form):
    source = forms.ChoiceField(
        label="What to start from",
        error_messages={"required": "Choose what to start from", "invalid_choice": "Choose one of the roles listed"},
    )
    organisation = OrganisationChoiceField(
        queryset=None,
        label="Which organisation is the role in?",
        empty_label=None,
        error_messages={"required": "Choose the organisation", "invalid_choice": "Choose one of your organisations"},
    )

    def __init__(self, *args, organisations, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["source"].choices = sources
