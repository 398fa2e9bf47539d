"""The self-evaluation a person in a role fills in, and the objectives their manager agrees."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin

from .models import Relevance, Shown


class SelfEvaluationForm(forms.Form):
    """For each pick of the role: the level the person shows, and how relevant it is this year."""

    def __init__(self, *args, picks, **kwargs):
        super().__init__(*args, **kwargs)
        self.picks = list(picks)
        for pick in self.picks:
            self.fields[f"shown_{pick.pk}"] = forms.TypedChoiceField(
                choices=[("", "Choose a level")] + list(Shown.choices),
                coerce=int,
                label=f"The level I show in {pick.item.title}",
                error_messages={"required": f"Choose the level you show in {pick.item.title}"},
            )
            self.fields[f"relevance_{pick.pk}"] = forms.TypedChoiceField(
                choices=[("", "Choose how relevant")] + list(Relevance.choices),
                coerce=int,
                label=f"How relevant {pick.item.title} is to my work this year",
                error_messages={"required": f"Choose how relevant {pick.item.title} is this year"},
            )

    @staticmethod
    def initial_from(evaluation):
        initial = {}
        for rating in evaluation.ratings.all() if evaluation else []:
            initial[f"shown_{rating.pick_id}"] = rating.shown
            initial[f"relevance_{rating.pick_id}"] = rating.relevance
        return initial

    def rows(self):
        for pick in self.picks:
            yield pick, self[f"shown_{pick.pk}"], self[f"relevance_{pick.pk}"]

    def ratings(self):
        data = self.cleaned_data
        return {pick.pk: (data[f"shown_{pick.pk}"], data[f"relevance_{pick.pk}"]) for pick in self.picks}


class ObjectivesForm(ConfidentialityCheckedFormMixin, forms.Form):
    objectives = forms.CharField(
        label="Objectives agreed",
        widget=forms.Textarea,
        max_length=5000,
        help_text="What the person will work on this year, and the training or support agreed.",
        error_messages={
            "required": "Enter the objectives you agreed",
            "max_length": "Objectives must be 5,000 characters or fewer",
        },
    )


class ProgrammeForm(ConfidentialityCheckedFormMixin, forms.Form):
    profile = forms.ChoiceField(
        label="Role profile",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role profile", "invalid_choice": "Choose a published role profile"},
    )
    title = forms.CharField(
        label="Programme title",
        max_length=200,
        help_text="For example, 'Care navigation (primary care)'.",
        error_messages={
            "required": "Enter the programme's title",
            "max_length": "Title must be 200 characters or fewer",
        },
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [
            (str(v.pk), f"{v.title} ({v.profile.organisation.name}, version {v.number})") for v in versions
        ]


class HolderForm(forms.Form):
    email = forms.EmailField(
        label="Their e-mail address",
        help_text="The address they sign in with.",
        error_messages={
            "required": "Enter their e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )
    organisation = forms.ModelChoiceField(
        queryset=None,
        label="Where they work",
        empty_label=None,
        error_messages={"required": "Choose where they work", "invalid_choice": "Choose one of your organisations"},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
