"""ServiceErrorsMixin: a service's error lands on the field it is about, or above the form."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from coordinated_care.core.forms import ServiceErrorsMixin


class EnrolForm(ServiceErrorsMixin, forms.Form):
    email = forms.EmailField(required=False)
    name = forms.CharField(required=False)
    error_fields = {"already_enrolled": "email", "closed": None, "gone": "no_such_field"}


def cleaned_form():
    form = EnrolForm(data={})
    assert form.is_valid()
    return form


@pytest.mark.parametrize(
    ("code", "field"),
    [("already_enrolled", "email"), ("closed", None), ("unmapped", None), (None, None), ("gone", None)],
)
def test_an_error_goes_to_the_field_its_code_names_or_above_the_form(code, field):
    form = cleaned_form()
    form.add_service_error(ValidationError("Not now.", code=code))
    assert form.errors == {field or "__all__": ["Not now."]}


def test_an_error_raised_for_named_fields_goes_to_those_fields():
    form = cleaned_form()
    form.add_service_error(ValidationError({"name": "Enter a name.", "already_enrolled": "Enrolled.", "x": "Other."}))
    assert form.errors == {"name": ["Enter a name."], "email": ["Enrolled."], "__all__": ["Other."]}
