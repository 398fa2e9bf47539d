"""Signing the patient feedback summary: the password, and the summary's hash as it was read."""

from django import forms

from coordinated_care.core.forms import ServiceErrorsMixin

from .sign_offs import PASSWORD_ERRORS, PasswordMixin


class SignSummaryForm(ServiceErrorsMixin, PasswordMixin):
    summary_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    field_order = ["password", "summary_hash"]
    error_fields = {**PASSWORD_ERRORS, "summary_moved": None, "signed": None, "empty": None}
