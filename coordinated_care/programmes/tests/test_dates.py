import datetime

import pytest
from django import forms

from coordinated_care.programmes.forms import DateField


class Form(forms.Form):
    starts = DateField(label="Start date")
    ends = DateField(label="End date", required=False)


def errors(data):
    form = Form(data)
    form.is_valid()
    return form.errors.get("starts", [])


def test_a_whole_real_date_is_a_date():
    form = Form({"starts_day": " 1 ", "starts_month": "03", "starts_year": "2027"})
    assert form.is_valid()
    assert form.cleaned_data == {"starts": datetime.date(2027, 3, 1), "ends": None}


@pytest.mark.parametrize(
    "day, month, year, message",
    [
        ("", "", "", "Enter the start date"),
        ("1", "", "", "Start date must include a month and a year"),
        ("", "3", "2027", "Start date must include a day"),
        ("29", "2", "2027", "Start date must be a real date"),
        ("1", "3", "-207", "Start date must be a real date"),
        ("1", "3", "207", "Year must include 4 numbers"),
    ],
)
def test_mistakes_are_named_plainly(day, month, year, message):
    assert errors({"starts_day": day, "starts_month": month, "starts_year": year}) == [message]


def test_the_inputs_show_what_was_typed_or_the_initial_date():
    bound = Form({"starts_day": "x", "starts_month": "3", "starts_year": "2027"})
    assert bound["starts"].value() == ["x", "3", "2027"]
    unbound = Form(initial={"starts": datetime.date(2027, 3, 1)})
    assert unbound["starts"].value() == ["1", "3", "2027"]
    assert Form()["starts"].value() == ["", "", ""]
    assert Form()["starts"].id_for_label == "id_starts_day"
