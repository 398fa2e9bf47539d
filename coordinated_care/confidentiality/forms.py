"""The guard on every form that takes free text: a mixin that scans each text field (and each checked
document) when the form is cleaned.

    class ReflectionForm(ConfidentialityCheckedFormMixin, forms.ModelForm): ...

Block findings become an error on their field. Confirm findings (names) need the author to tick the
`confidentiality_declaration` box the mixin adds; what they declared is then on
`form.confidentiality_declarations`, for the view to keep with the entry and in the audit trail."""

from dataclasses import asdict, dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from coordinated_care.core.files import WITH_TEXT, detect_type, max_upload_bytes

from .documents import UnreadableDocument, extract_text
from .findings import KINDS, Action, Finding
from .service import scan

DECLARATION = "confidentiality_declaration"
NOT_FREE_TEXT = (forms.EmailField, forms.URLField, forms.SlugField, forms.UUIDField, forms.GenericIPAddressField)
INTRO = "A portfolio must never contain anything that could identify a patient, service user or carer."


class CheckedDocumentField(forms.FileField):
    """A PDF, DOCX or TXT upload whose text the mixin checks like a text field. What the file is
    comes from its bytes (core.files), whatever it is called."""

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and uploaded is not initial and hasattr(uploaded, "read"):
            try:
                if uploaded.size > max_upload_bytes():  # before anything reads it whole
                    raise UnreadableDocument("the file is too large to check")
                file_type = detect_type(uploaded)
                if file_type not in WITH_TEXT:
                    raise ValidationError(
                        "Upload a PDF, a Word document (.docx) or a text file (.txt).", code="file_type"
                    )
                uploaded.confidentiality_text = extract_text(uploaded, file_type)
            except UnreadableDocument as problem:
                raise ValidationError(
                    f"The file could not be checked for patient details because {problem}. "
                    "Upload a PDF, a Word document (.docx) or a text file (.txt).",
                    code="unreadable",
                ) from problem
        return uploaded


@dataclass(frozen=True)
class Declaration:
    """What the author confirmed: this name in this field is not a patient, service user or carer."""

    field: str
    text: str
    type: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return asdict(self)


def _quoted(findings: list[Finding], text: str) -> str:
    parts = [f"{KINDS[f.type].label} (“{f.text_in(text)}”)" for f in findings]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def block_message(findings: list[Finding], text: str) -> str:
    return f"This contains {_quoted(findings, text)}. Remove it before saving. {INTRO}"


class ConfidentialityCheckedFormMixin:
    """Put it before the form class: `class MyForm(ConfidentialityCheckedFormMixin, forms.Form)`."""

    # Free-text fields that must not be scanned (rare: say why where you use it).
    confidentiality_exempt_fields: tuple[str, ...] = ()
    confidentiality_declaration_label = (
        "I confirm that the people named are not patients, service users or carers (for example, they are colleagues)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[DECLARATION] = forms.BooleanField(
            required=False,
            label=self.confidentiality_declaration_label,
            help_text="Names of patients, service users and carers must be removed, not confirmed.",
        )
        self.confidentiality_findings: dict[str, list[Finding]] = {}
        self.confidentiality_declarations: list[Declaration] = []
        self._names_to_declare: list[Declaration] = []

    @property
    def confidentiality_attributes(self) -> dict:
        """Attributes for a textarea so the browser checks it while the author types."""
        return {"data-confidentiality-check": reverse("confidentiality:check")}

    @property
    def confidentiality_declaration_needed(self) -> bool:
        return bool(self._names_to_declare)

    @property
    def confidentiality_warnings(self) -> dict[str, list[Finding]]:
        return {
            name: [f for f in findings if f.action == Action.WARN]
            for name, findings in self.confidentiality_findings.items()
            if any(f.action == Action.WARN for f in findings)
        }

    def _checked_texts(self, cleaned_data):
        for name, field in self.fields.items():
            if name == DECLARATION or name in self.confidentiality_exempt_fields or name not in cleaned_data:
                continue
            value = cleaned_data[name]
            if isinstance(field, CheckedDocumentField):
                text = getattr(value, "confidentiality_text", None)
            elif isinstance(field, forms.CharField) and not isinstance(field, NOT_FREE_TEXT):
                if isinstance(field.widget, forms.PasswordInput | forms.HiddenInput):
                    continue
                text = value
            else:
                continue
            if isinstance(text, str) and text.strip():
                yield name, text

    def clean(self):
        cleaned_data = super().clean()
        self.confidentiality_findings, self._names_to_declare, self.confidentiality_declarations = {}, [], []
        for name, text in self._checked_texts(cleaned_data):
            findings = scan(text)
            self.confidentiality_findings[name] = findings
            blocking = [f for f in findings if f.action == Action.BLOCK]
            if blocking:
                self.add_error(name, ValidationError(block_message(blocking, text), code="confidentiality_block"))
            self._names_to_declare += [
                Declaration(name, f.text_in(text), f.type, f.start, f.end)
                for f in findings
                if f.action == Action.CONFIRM
            ]
        if self._names_to_declare:
            if cleaned_data.get(DECLARATION):
                self.confidentiality_declarations = list(self._names_to_declare)
            else:
                names = ", ".join(f"“{d.text}”" for d in self._names_to_declare)
                self.add_error(
                    DECLARATION,
                    ValidationError(
                        f"Check the names {names}. Remove the name of any patient, service user or carer; "
                        "if everyone named is a colleague or someone else who may be named, tick this box.",
                        code="confidentiality_confirm",
                    ),
                )
        return cleaned_data
