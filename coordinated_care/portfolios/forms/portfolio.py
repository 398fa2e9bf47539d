"""The portfolio's forms: one for entries of every kind, the values worksheet, evidence against
criteria, the accredited training and a further file for an entry."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from ..kinds import VALUES_WORKSHEET_QUESTIONS
from .base import PortfolioForm
from .fields import WRITING_MAX, AttachmentField, NHSDateField, declared_field, nhs_field

HOW_IT_SHOWS_MAX = 2_000


class CriterionLinksMixin:
    """A box for each of the programme's criteria, each with how the entry shows it: the fields of
    the evidence form, and of the entry form when it links evidence in the same POST. Names are
    `criterion_<pk>` and `how_<pk>`, so a link is one criterion whatever its code."""

    def _add_criterion_fields(self, criteria):
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[self.link_name(criterion)] = forms.BooleanField(
                required=False, label=f"{criterion.code} {criterion.title}"
            )
            self.fields[self.how_name(criterion)] = how_it_shows_field(criterion)

    @staticmethod
    def link_name(criterion):
        return f"criterion_{criterion.pk}"

    @staticmethod
    def how_name(criterion):
        return f"how_{criterion.pk}"

    def _check_links(self, cleaned):
        for criterion in self.criteria:
            if cleaned.get(self.link_name(criterion)) and not cleaned.get(self.how_name(criterion)):
                self.add_error(
                    self.how_name(criterion), f"Enter how this entry shows {criterion.code} {criterion.title}"
                )

    def _is_link_field(self, name):
        return name.startswith(("criterion_", "how_")) and name.split("_", 1)[1].isdigit()

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
        """{criterion: how it shows it} for each box ticked."""
        return {
            criterion: self.cleaned_data[self.how_name(criterion)]
            for criterion in self.criteria
            if self.cleaned_data.get(self.link_name(criterion))
        }

    def ticked_codes(self):
        """The codes of the criteria ticked in the data sent, valid or not (for the suggestions)."""
        data = self.data if self.is_bound else self.initial
        return {c.code for c in self.criteria if data.get(self.link_name(c)) in ("on", "true", "1", True)}


def how_it_shows_field(criterion):
    return nhs_field(
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


class EntryForm(CriterionLinksMixin, PortfolioForm):
    """One form for every kind of entry: the fields are those `spec` (a kinds.EntryKind) declares,
    in its order. When editing, `seen_version` carries the version the learner opened. Given the
    programme's `criteria`, it also links the new entry to those ticked, in the same POST."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, spec, *args, editing=False, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.editing = editing
        self.fields["seen_version"].required = editing
        for spec_field in spec.fields:
            self.fields[spec_field.name] = declared_field(spec_field)
        if spec.attachment_label:
            self.fields["attachment"] = AttachmentField(label=f"{spec.attachment_label} (optional)")
        self._add_criterion_fields(criteria)
        self._declaration_last()

    def clean(self):
        cleaned = super().clean()
        self._check_links(cleaned)
        return cleaned

    def declarations(self):
        """What the learner confirmed in the entry's own writing (not in how it shows a criterion)."""
        return [d.as_dict() for d in self.confidentiality_declarations if not self._is_link_field(d.field)]

    def writing(self):
        """The free text written so far in the data sent, valid or not: what suggestions read."""
        data = self.data if self.is_bound else self.initial
        return "\n".join(str(data.get(name, "")) for name in self.spec.free_text_fields)

    def entry_fields(self):
        """The bound fields of the entry itself, in order (without the criteria and the guard's)."""
        return [
            field
            for field in self.visible_fields()
            if not field.name.startswith("confidentiality_") and not self._is_link_field(field.name)
        ]

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
                self.fields[self.field_name(index, key)] = nhs_field(
                    forms.CharField(
                        label=question,
                        required=False,
                        max_length=WRITING_MAX,
                        widget=forms.Textarea,
                        error_messages={
                            "max_length": f"{name}: '{question}' must be {WRITING_MAX:,} characters or fewer"
                        },
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


class EvidenceForm(CriterionLinksMixin, PortfolioForm):
    """Which of the programme's criteria an entry shows, each with how it shows it."""

    def __init__(self, criteria, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_criterion_fields(criteria)
        self._declaration_last()

    @classmethod
    def initial_from(cls, links):
        initial = {}
        for link in links:
            initial[f"criterion_{link.criterion_id}"] = True
            initial[f"how_{link.criterion_id}"] = link.how_it_shows
        return initial

    def clean(self):
        cleaned = super().clean()
        self._check_links(cleaned)
        return cleaned


class AccreditedTrainingForm(PortfolioForm):
    completed_on = NHSDateField(
        label="Date you completed the training",
        help_text="For example, 15 3 2026",
        missing_message="Enter the date you completed the training",
        invalid_message="Date you completed the training must be a real date",
    )
    provider = nhs_field(
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
