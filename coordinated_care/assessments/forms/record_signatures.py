"""Signing the interprofessional record (the facilitator's comments) and the critical reflection on
a shortfall (the learner writes it; the facilitator agrees it and the supervisor confirms it)."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.core.forms import ServiceErrorsMixin

from .sign_offs import PASSWORD_ERRORS, PasswordMixin


class RecordCommentForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, PasswordMixin):
    comments = forms.CharField(
        label="Your comments on the record",
        max_length=8000,
        widget=forms.Textarea,
        help_text="What the learner learned from working with them, and the importance of the relationship.",
        error_messages={"required": "Enter your comments on the record"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    field_order = ["comments", "password", "version"]
    error_fields = {**PASSWORD_ERRORS, "record_moved": None}


class ReflectionForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    reflection = forms.CharField(
        label="Your critical reflection on the shortfall",
        max_length=8000,
        widget=forms.Textarea,
        help_text="Why you could not show this criterion in practice, what you understand of the reasons, and what "
        "you will do about it. Discuss it with your workplace supervisor.",
        error_messages={"required": "Enter your critical reflection on the shortfall"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    error_fields = {"stale": None, "signed": None}


class SignReflectionForm(ServiceErrorsMixin, PasswordMixin):
    version = forms.IntegerField(widget=forms.HiddenInput)
    error_fields = {**PASSWORD_ERRORS, "record_moved": None, "signed": None, "unagreed": None}
