"""The forms a learner writes their portfolio with.

Every one of them derives from `PortfolioForm`, so that the confidentiality guard (which scans
free text for anything that could identify a patient) is added in one place. Entries of every
kind share one form, `EntryForm`, which builds exactly the fields its kind declares in kinds.py."""

import datetime
import io

from django import forms
from django.core.exceptions import ValidationError

from coordinated_care.confidentiality.documents import UnreadableDocument, extract_text
from coordinated_care.confidentiality.forms import DECLARATION, CheckedDocumentField, ConfidentialityCheckedFormMixin

from . import uploads
from .kinds import VALUES_WORKSHEET_QUESTIONS

TEXT_MAX = 300
WRITING_MAX = 20_000
HOW_IT_SHOWS_MAX = 2_000


class PortfolioForm(ConfidentialityCheckedFormMixin, forms.Form):
    """Base of every form that writes into a portfolio: the confidentiality guard scans each text
    field (and the text of each uploaded document) before anything is saved, and asks the learner
    to confirm any name it finds (docs/confidentiality.md)."""

    def _declaration_last(self):
        # The guard adds its declaration first; it belongs after the writing, before Save, and so
        # in the error summary too.
        self.fields[DECLARATION] = self.fields.pop(DECLARATION)

    def declarations(self):
        """What the learner confirmed, to keep with what they saved."""
        return [declaration.as_dict() for declaration in self.confidentiality_declarations]

    def restore(self, data):
        """Fill an unbound form with a draft's writing, as the fields were when it was kept."""
        for name, field in self.fields.items():
            if isinstance(field, NHSDateField):
                self.initial[name] = [data.get(f"{name}_{part}", "") for part in field.PARTS]
            elif isinstance(field, forms.BooleanField):
                self.initial[name] = data.get(name) in ("on", "true", "1")
            elif isinstance(field, forms.FileField):
                continue
            elif name in data:
                self.initial[name] = data[name]


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


def _nhs(field, widget, rows=None):
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
        return _nhs(
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
    return _nhs(
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
            help_text=f"It must be {uploads.ALLOWED_DESCRIPTION}, smaller than {uploads.max_upload_bytes() // (1024 * 1024)} MB.",
            error_messages={"required": "Select a file to upload"},
            **kwargs,
        )

    def clean(self, data, initial=None):
        # FileField's own checks; CheckedDocumentField's would judge the file by its name.
        uploaded = forms.FileField.clean(self, data, initial)
        if uploaded and hasattr(uploaded, "read"):
            file_type = uploads.check_upload(uploaded)
            if file_type in (uploads.PDF, uploads.DOCX, uploads.TEXT):
                # Read as the kind its bytes say it is, whatever its name.
                uploaded.seek(0)
                as_read = io.BytesIO(uploaded.read())
                as_read.name = f"upload.{file_type.extension}"
                uploaded.seek(0)
                try:
                    uploaded.confidentiality_text = extract_text(as_read)
                except UnreadableDocument as problem:
                    raise ValidationError(
                        f"The selected file could not be checked for patient details because {problem}"
                    ) from problem
        return uploaded


class EntryForm(PortfolioForm):
    """One form for every kind of entry: the fields are those `spec` (a kinds.EntryKind) declares,
    in its order. When editing, `seen_version` carries the version the learner opened."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, spec, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.editing = editing
        self.fields["seen_version"].required = editing
        for spec_field in spec.fields:
            self.fields[spec_field.name] = declared_field(spec_field)
        if spec.attachment_label:
            self.fields["attachment"] = AttachmentField(label=f"{spec.attachment_label} (optional)")
        self._declaration_last()

    @classmethod
    def initial_from(cls, entry):
        initial = dict(entry.content)
        initial["seen_version"] = entry.version
        return initial

    def content(self):
        return {spec_field.name: self.cleaned_data.get(spec_field.name) for spec_field in self.spec.fields}

    def upload(self):
        return self.cleaned_data.get("attachment") or None


class ValuesWorksheetForm(PortfolioForm):
    """The key values of person-centred care worksheet: three questions for each of the
    programme's values, all optional so that it can be filled in over time."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, value_names, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.value_names = list(value_names)
        for index, name in enumerate(self.value_names, start=1):
            for key, question in VALUES_WORKSHEET_QUESTIONS:
                self.fields[self.field_name(index, key)] = _nhs(
                    forms.CharField(
                        label=question,
                        required=False,
                        max_length=WRITING_MAX,
                        widget=forms.Textarea,
                        error_messages={"max_length": f"{name}: '{question}' must be {WRITING_MAX:,} characters or fewer"},
                    ),
                    "textarea",
                    4,
                )
        self._declaration_last()

    @staticmethod
    def field_name(index, key):
        return f"value_{index}_{key}"

    @classmethod
    def initial_from(cls, value_names, entry):
        if entry is None:
            return {"seen_version": 0}
        answers = entry.content.get("values", {})
        initial = {"seen_version": entry.version}
        for index, name in enumerate(value_names, start=1):
            for key, _ in VALUES_WORKSHEET_QUESTIONS:
                initial[cls.field_name(index, key)] = (answers.get(name) or {}).get(key, "")
        return initial

    def groups(self):
        """(value name, [bound fields]) in the programme's order, for the page's fieldsets."""
        return [
            (name, [self[self.field_name(index, key)] for key, _ in VALUES_WORKSHEET_QUESTIONS])
            for index, name in enumerate(self.value_names, start=1)
        ]

    def answers(self):
        return {
            name: {key: self.cleaned_data.get(self.field_name(index, key), "") for key, _ in VALUES_WORKSHEET_QUESTIONS}
            for index, name in enumerate(self.value_names, start=1)
        }


class EvidenceForm(PortfolioForm):
    """Which of the programme's criteria an entry shows, each with how it shows it."""

    def __init__(self, criteria, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[self.link_name(criterion)] = forms.BooleanField(
                required=False, label=f"{criterion.code} {criterion.title}"
            )
            self.fields[self.how_name(criterion)] = _nhs(
                forms.CharField(
                    required=False,
                    label="How this entry shows it",
                    max_length=HOW_IT_SHOWS_MAX,
                    widget=forms.Textarea,
                    error_messages={
                        "max_length": f"How this entry shows {criterion.code} must be {HOW_IT_SHOWS_MAX:,} characters or fewer"
                    },
                ),
                "textarea",
                3,
            )
        self._declaration_last()

    @staticmethod
    def link_name(criterion):
        return f"criterion_{criterion.pk}"

    @staticmethod
    def how_name(criterion):
        return f"how_{criterion.pk}"

    @classmethod
    def initial_from(cls, links):
        initial = {}
        for link in links:
            initial[f"criterion_{link.criterion_id}"] = True
            initial[f"how_{link.criterion_id}"] = link.how_it_shows
        return initial

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            if cleaned.get(self.link_name(criterion)) and not cleaned.get(self.how_name(criterion)):
                self.add_error(self.how_name(criterion), f"Enter how this entry shows {criterion.code} {criterion.title}")
        return cleaned

    def groups(self):
        """(group, [(criterion, link field, how field)]) in the programme's order."""
        grouped = {}
        for criterion in self.criteria:
            rows = grouped.setdefault(criterion.group_id, (criterion.group, []))[1]
            rows.append((criterion, self[self.link_name(criterion)], self[self.how_name(criterion)]))
        return list(grouped.values())

    def link_declarations(self):
        """The names the learner confirmed, by the criterion whose wording holds them."""
        by_field = {self.how_name(criterion): criterion for criterion in self.criteria}
        declared = {}
        for declaration in self.confidentiality_declarations:
            criterion = by_field.get(declaration.field)
            if criterion is not None:
                declared.setdefault(criterion, []).append(declaration.as_dict())
        return declared

    def links(self):
        return {
            criterion: self.cleaned_data[self.how_name(criterion)]
            for criterion in self.criteria
            if self.cleaned_data.get(self.link_name(criterion))
        }


class AccreditedTrainingForm(PortfolioForm):
    completed_on = NHSDateField(
        label="Date you completed the training",
        help_text="For example, 15 3 2026",
        missing_message="Enter the date you completed the training",
        invalid_message="Date you completed the training must be a real date",
    )
    provider = _nhs(
        forms.CharField(
            label="Training provider",
            max_length=200,
            error_messages={
                "required": "Enter the training provider",
                "max_length": "Training provider must be 200 characters or fewer",
            },
        ),
        "text",
    )
    certificate = AttachmentField(label="Certificate (optional)")

    def clean_completed_on(self):
        completed_on = self.cleaned_data["completed_on"]
        if completed_on and completed_on > datetime.date.today():
            raise ValidationError("Date you completed the training must be today or in the past")
        return completed_on


class AttachmentForm(PortfolioForm):
    file = AttachmentField(label="Upload a file", required=True)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["file"].label = label
