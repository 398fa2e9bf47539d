"""Forms for the learner and their facilitator: asking for feedback, typing in a paper form,
countersigning it, and linking a response to a criterion."""

import datetime

from django import forms
from django.utils import timezone

# The learner typing in a paper form is writing their portfolio: the portfolio's own guard, with its
# wording for authors and its declaration for colleagues' names.
from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin as PortfolioGuard

from ..models import FeedbackRequest
from .answers import ColleagueFields, PatientFields

VALID_DAYS = [(7, "1 week"), (14, "2 weeks"), (30, "30 days"), (60, "60 days"), (90, "90 days")]


class RequestForm(forms.Form):
    learner_name = forms.CharField(
        label="Name shown on the form",
        max_length=100,
        help_text="So people know who the feedback is about. Your first name is enough.",
        error_messages={"required": "Enter the name to show on the form"},
    )
    count = forms.TypedChoiceField(
        label="How many cards do you need?",
        help_text="Each card has its own link and can be used once.",
        choices=[(n, str(n)) for n in range(1, 9)],
        coerce=int,
        initial=4,
    )
    layout = forms.ChoiceField(
        label="How do you want to print it?",
        choices=[("card", "Cards, 4 to an A4 page, to cut out"), ("sheet", "An A4 sheet for each link")],
        widget=forms.RadioSelect,
        initial="card",
    )
    valid_days = forms.TypedChoiceField(
        label="How long should the link work?", choices=VALID_DAYS, coerce=int, initial=30
    )
    email = forms.EmailField(
        label="E-mail address (optional)",
        required=False,
        help_text="We will e-mail the link to them. The address is not kept.",
    )

    to_supervisor = forms.BooleanField(
        required=False,
        help_text="We will e-mail the link to them, and it will wait for them on their home page.",
    )

    def __init__(self, *args, audience, supervisor=None, **kwargs):
        """`supervisor`: the workplace supervisor the learner may ask instead of typing an address."""
        super().__init__(*args, **kwargs)
        self.audience = audience
        if audience == FeedbackRequest.Audience.PATIENT:
            # Patients' contact details are never asked for (PRODUCT.md): a patient gets a card.
            del self.fields["email"]
        else:
            # One colleague, one link.
            del self.fields["count"]
        if supervisor is None or audience == FeedbackRequest.Audience.PATIENT:
            del self.fields["to_supervisor"]
        else:
            self.fields["to_supervisor"].label = f"Ask my workplace supervisor ({supervisor.display_name})"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_supervisor") and cleaned.get("email"):
            self.add_error("email", "Leave the e-mail address empty when you ask your workplace supervisor")
        return cleaned


class ReceivedOn(forms.Form):
    """The date written on the paper form, as the NHS.UK date input's three boxes."""

    received_day = forms.IntegerField(min_value=1, max_value=31, required=False)
    received_month = forms.IntegerField(min_value=1, max_value=12, required=False)
    received_year = forms.IntegerField(min_value=2000, max_value=2100, required=False)

    def clean(self):
        cleaned = super().clean()
        parts = [cleaned.get(f"received_{p}") for p in ("day", "month", "year")]
        if None in parts:
            self.add_error("received_day", "Enter the date on the paper form, including a day, month and year")
            return cleaned
        day, month, year = parts
        try:
            received_on = datetime.date(year, month, day)
        except ValueError:
            self.add_error("received_day", "The date on the paper form must be a real date")
            return cleaned
        if received_on > timezone.localdate():
            self.add_error("received_day", "The date on the paper form must be today or in the past")
        cleaned["received_on"] = received_on
        return cleaned


class PaperPatientForm(PortfolioGuard, ReceivedOn, PatientFields):
    pass


class PaperColleagueForm(PortfolioGuard, ReceivedOn, ColleagueFields):
    # The name the member of staff signed their own form with: a colleague's name by what the field
    # is, their role beside it in their_role. Everything they wrote is checked.
    confidentiality_exempt_fields = ("given_name",)


class CountersignForm(forms.Form):
    checked = forms.BooleanField(
        label="I have checked this transcription against the paper form and it matches",
        error_messages={"required": "Confirm that you have checked the transcription against the paper form"},
    )
    password = forms.CharField(
        label="Your password",
        help_text="Enter your password to countersign.",
        widget=forms.PasswordInput,
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right")
        return password


class EvidenceForm(PortfolioGuard, forms.Form):
    """Linking a response to a criterion: what the learner writes about it goes into their portfolio,
    so the portfolio's guard checks it like any other writing."""

    criterion = forms.ModelChoiceField(
        label="Criterion",
        queryset=None,
        empty_label="Choose a criterion",
        error_messages={"required": "Choose the criterion this feedback shows"},
    )
    how_it_shows = forms.CharField(
        label="How this feedback shows the criterion",
        widget=forms.Textarea,
        max_length=3000,
        error_messages={"required": "Say how this feedback shows the criterion"},
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria
        self.fields["criterion"].label_from_instance = lambda c: f"{c.code} {c.title}"
