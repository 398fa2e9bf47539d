"""Form fields that render as NHS.UK components: the date input, radios, and file upload whose
type is decided from its content (and whose text the confidentiality guard reads)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from coordinated_care.confidentiality.documents import UnreadableDocument, extract_text
from coordinated_care.confidentiality.forms import CheckedDocumentField
from coordinated_care.core.files import WITH_TEXT

from .. import uploads

TEXT_MAX = 300
WRITING_MAX = 20_000


class NHSDateWidget(forms.MultiWidget):
    """Day, month and year boxes, as the NHS date input pattern asks."""

    def __init__(self, attrs=None):
        super().__init__({"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def id_for_label(self, id_):
        # The error summary links to the first box, the day.
        return f"{id_}_day" if id_ else id_


class NHSDateField(forms.MultiValueField):
    widget = NHSDateWidget
    nhs_widget = "date"
    PARTS = ("day", "month", "year")

    def __init__(self, *, label, missing_message, invalid_message, required=True, **kwargs):
        self.invalid_message = invalid_message
        self.label_text = label
        super().__init__(
            fields=[forms.CharField(required=False) for _ in self.PARTS],
            require_all_fields=False,
            required=required,
            label=label,
            error_messages={"required": missing_message, "incomplete": missing_message},
            **kwargs,
        )

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        missing = [part for part, value in zip(self.PARTS, data_list, strict=True) if not value]
        if missing:
            raise ValidationError(f"{self.label_text} must include a {missing[0]}")
        try:
            day, month, year = (int(str(value).strip()) for value in data_list)
            if not 1900 <= year <= 2100:
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(self.invalid_message) from None

    def prepare_value(self, value):
        """Always the three boxes' text, whether the value came from the database or a form."""
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, list | tuple):
            return [str(part) if part not in (None, "") else "" for part in value] + [""] * (3 - len(value))
        if isinstance(value, str) and value:
            try:
                return self.prepare_value(datetime.date.fromisoformat(value))
            except ValueError:
                pass
        return ["", "", ""]


class NHSRadioSelect(forms.RadioSelect):
    def id_for_label(self, id_, index=None):
        # Django leaves a radio group without one; the error summary links to the first radio.
        return id_ if index is None else super().id_for_label(id_, index)


def nhs_field(field, widget, rows=None):
    """Mark a field with the NHS.UK component it renders as (see portfolios/_macros.jinja)."""
    field.nhs_widget = widget
    field.rows = rows
    return field


def declared_field(spec_field):
    """The form field for one field a kind declares."""
    label, hint, required = spec_field.label, spec_field.hint, spec_field.required
    if spec_field.widget == "date":
        return NHSDateField(
            label=label,
            help_text=hint,
            required=required,
            missing_message=spec_field.missing_message,
            invalid_message=spec_field.invalid_date_message,
        )
    if spec_field.widget == "radios":
        return nhs_field(
            forms.ChoiceField(
                label=label,
                help_text=hint,
                required=required,
                choices=spec_field.choices,
                widget=NHSRadioSelect,
                error_messages={"required": spec_field.missing_message, "invalid_choice": spec_field.missing_message},
            ),
            "radios",
        )
    longest = TEXT_MAX if spec_field.widget == "text" else WRITING_MAX
    return nhs_field(
        forms.CharField(
            label=label,
            help_text=hint,
            required=required,
            max_length=longest,
            widget=forms.TextInput if spec_field.widget == "text" else forms.Textarea,
            error_messages={
                "required": spec_field.missing_message,
                "max_length": f"{label} must be {longest:,} characters or fewer",
            },
        ),
        spec_field.widget,
        spec_field.rows,
    )


class AttachmentField(CheckedDocumentField):
    """An upload whose kind is decided from its bytes (uploads.check_upload). The text of a PDF,
    Word document or text file is then checked by the confidentiality guard like a text field.
    Images (photographs of certificates) carry no text the guard can read."""

    nhs_widget = "file"

    def __init__(self, *, label, required=False, **kwargs):
        super().__init__(
            label=label,
            required=required,
            help_text=(
                f"It must be {uploads.ALLOWED_DESCRIPTION}, "
                f"smaller than {uploads.max_upload_bytes() // (1024 * 1024)} MB."
            ),
            error_messages={"required": "Select a file to upload"},
            **kwargs,
        )

    def clean(self, data, initial=None):
        # FileField's own checks; CheckedDocumentField's would refuse the images accepted here.
        uploaded = forms.FileField.clean(self, data, initial)
        if uploaded and hasattr(uploaded, "read"):
            file_type = uploads.check_upload(uploaded)
            if file_type in WITH_TEXT:
                try:
                    uploaded.confidentiality_text = extract_text(uploaded, file_type)
                except UnreadableDocument as problem:
                    raise ValidationError(
                        f"The selected file could not be checked for patient details because {problem}"
                    ) from problem
        return uploaded
