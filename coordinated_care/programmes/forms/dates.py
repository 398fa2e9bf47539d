"""A date asked for as day, month and year, as the NHS.UK date input component does, with the
design system's plain-English error messages. Rendered by the `dateInput` macro of
templates/includes/forms.jinja."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")


class DateWidget(forms.MultiWidget):
    """Three text inputs named <name>_day, <name>_month and <name>_year."""

    def __init__(self, attrs=None):
        super().__init__({part: forms.TextInput for part in PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]

    def id_for_label(self, id_):
        # The error summary links to the day input, the first of the three.
        return f"{id_}_day" if id_ else ""


class DateField(forms.Field):
    widget = DateWidget
    default_error_messages = {"required": "Enter the date"}

    def __init__(self, *, label, **kwargs):
        kwargs.setdefault("error_messages", {}).setdefault("required", f"Enter the {label[0].lower()}{label[1:]}")
        super().__init__(label=label, **kwargs)

    def prepare_value(self, value):
        """Always three strings: the day, month and year to show in the inputs."""
        if isinstance(value, list | tuple):
            return [str(part or "") for part in value] + [""] * (3 - len(value))
        return self.widget.decompress(value)

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        day, month, year = (str(part or "").strip() for part in (value or ["", "", ""]))
        if not (day or month or year):
            return None
        missing = [name for name, part in zip(PARTS, (day, month, year), strict=True) if not part]
        if missing:
            raise ValidationError(f"{self.label} must include a {' and a '.join(missing)}", code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{self.label} must be a real date", code="invalid")
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.label} must be a real date", code="invalid") from None
