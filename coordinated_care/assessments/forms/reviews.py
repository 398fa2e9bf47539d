"""Writing and signing a review. The review form is built from the fields the person writes
(services.review_kinds); the other side's parts are shown, not editable."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.core.forms import ServiceErrorsMixin
from coordinated_care.programmes.forms.dates import DateField

from .sign_offs import PASSWORD_ERRORS, PasswordMixin


class ReviewForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    held_on = DateField(label="Date of the review", required=False, help_text="For example, 15 3 2027.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, fields, can_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.review_fields = fields
        # Initials name the signatories themselves, never a patient.
        self.confidentiality_exempt_fields = tuple(f.name for f in fields if f.widget == "text")
        if not can_date:
            del self.fields["held_on"]
        for f in fields:
            if f.widget == "tick":
                self.fields[f.name] = forms.BooleanField(label=f.label, required=False)
            elif f.widget == "text":
                self.fields[f.name] = forms.CharField(label=f.label, required=False, max_length=20)
            else:
                self.fields[f.name] = forms.CharField(
                    label=f.label, required=False, max_length=20000, widget=forms.Textarea, help_text=f.hint
                )

    def content(self):
        return {f.name: self.cleaned_data.get(f.name) for f in self.review_fields}


class SignReviewForm(ServiceErrorsMixin, PasswordMixin):
    version = forms.IntegerField(widget=forms.HiddenInput)
    error_fields = {**PASSWORD_ERRORS, "signed": None, "incomplete": None}


class InviteForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label="Full name", max_length=200, error_messages={"required": "Enter their full name"})
    email = forms.EmailField(
        label="E-mail address",
        help_text="We send the link and, when they open it, a code to this address.",
        error_messages={
            "required": "Enter their e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )
    error_fields = {"self": "email", "required": "name", "signed": None}
