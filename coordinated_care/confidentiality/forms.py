"""The guard on every form that takes free text: a mixin that scans each text field (and each checked
document) when the form is cleaned.

    class ReflectionForm(ConfidentialityCheckedFormMixin, forms.ModelForm): ...

Block findings become an error on their field. Confirm findings (names, specific conditions, details
that pick out one person) need the author to tick the `confidentiality_declaration` box the mixin
adds, and a name needs more than a tick: the role of the colleague named, in a field the mixin adds
for that name ("Sam Patel: what is their role?"). A name written with a title or next to a patient
word cannot be confirmed at all (colleagues.py). What the author declared is then on
`form.confidentiality_declarations`, for the view to keep with the entry and in the audit trail.

A name confirmed once is remembered for the same entry: the view passes what was declared with the
entry's last version (`confirmed=`), and a name in the same field, with the same words around it
(`colleagues.WINDOW` characters either side, the `context` of its declaration), is declared again
with the role given then, without a tick or a role field. A change to the text around it, or a
role that would no longer be accepted, asks again.

Text longer than CONFIDENTIALITY_MAX_CHARACTERS is refused before it is scanned."""

import hashlib
from dataclasses import asdict, dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from coordinated_care.core.files import WITH_TEXT, detect_type, max_upload_bytes

from . import colleagues
from .documents import UnreadableDocument, extract_text
from .findings import KINDS, Action, Finding
from .service import scan

DECLARATION = "confidentiality_declaration"
# The mixin's own fields are named with this prefix, so templates that loop over a form's fields
# can leave them to the declaration macro (confidentiality/declaration.jinja).
OWN_PREFIX = "confidentiality_"
ROLE_PREFIX = "confidentiality_role_"
PERSON = "PERSON"
NOT_FREE_TEXT = (forms.EmailField, forms.URLField, forms.SlugField, forms.UUIDField, forms.GenericIPAddressField)
DETAILS_LABEL = "I confirm that the details highlighted could not identify a patient, service user or carer"
BOTH_LABEL = (
    "I confirm that the people named are colleagues, with their roles, and that nothing else highlighted could "
    "identify a patient, service user or carer"
)
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
    role: str = ""  # a name's: what the author says the colleague does ("practice nurse")
    # A hash of the name and the words around it, so that the same name in the same words is not
    # asked about again (name_context).
    context: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _quoted(findings: list[Finding], text: str) -> str:
    parts = [f"{KINDS[f.type].label} (“{f.text_in(text)}”)" for f in findings]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def block_message(findings: list[Finding], text: str) -> str:
    return f"This contains {_quoted(findings, text)}. Remove it before saving. {INTRO}"


def too_long_message(limit: int) -> str:
    return (
        f"This is too long to check for patient details: it can be up to {limit:,} characters. "
        "Shorten it, or split it across more than one entry."
    )


def role_field_name(name: str) -> str:
    """The role field for a name: the same name in two fields, or written again, has one role."""
    key = " ".join(name.casefold().split())
    return ROLE_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:12]


def name_context(text: str, start: int, end: int) -> str:
    """What makes a confirmed name the same one again: the name and the text either side of it (as
    far as the colleague rule reads, colleagues.WINDOW), spaces and case aside, as a hash (the
    declaration keeps no more of the writing than its name)."""
    window = colleagues.WINDOW

    def plain(part):
        return " ".join(part.casefold().split())

    before = plain(text[max(0, start - 4 * window) : start])[-window:]
    after = plain(text[end : end + 4 * window])[:window]
    words = "\x00".join((before, plain(text[start:end]), after))
    return hashlib.sha256(words.encode()).hexdigest()


def _remembered(confirmed) -> dict:
    """{(field, name, context): role} of the names declared before, from their stored dicts."""
    kept = {}
    for declared in confirmed or ():
        if not isinstance(declared, dict) or declared.get("type") != PERSON or not declared.get("context"):
            continue
        role = str(declared.get("role") or "").strip()
        name = str(declared.get("text", ""))
        if role and not colleagues.role_problem(name, role):
            kept[(declared.get("field"), " ".join(name.casefold().split()), declared["context"])] = role
    return kept


@dataclass(frozen=True)
class Suggestion:
    text: str  # as written: "COPD"
    label: str  # "a specific medical condition"
    wording: str  # "a long-term lung condition"


@dataclass(frozen=True)
class NameToConfirm:
    """A name the author may confirm as a colleague's, with the field asking for their role."""

    text: str
    field_name: str


def _detail(finding: Finding, text: str) -> str:
    words = f"{KINDS[finding.type].label} (“{finding.text_in(text)}”)"
    if finding.suggestion:
        words += f": you could write “{finding.suggestion}”"
    return words


class ConfidentialityCheckedFormMixin:
    """Put it before the form class: `class MyForm(ConfidentialityCheckedFormMixin, forms.Form)`."""

    # Free-text fields that must not be scanned (rare: say why where you use it).
    confidentiality_exempt_fields: tuple[str, ...] = ()
    confidentiality_declaration_label = (
        "I confirm that the people named are not patients, service users or carers (for example, they are colleagues)"
    )

    def __init__(self, *args, confirmed=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The declarations kept with the entry's last version: names not asked about again.
        self._confirmed_before = _remembered(confirmed)
        self.fields[DECLARATION] = forms.BooleanField(
            required=False,
            label=self.confidentiality_declaration_label,
            help_text="Names of patients, service users and carers must be removed, not confirmed.",
        )
        self.confidentiality_findings: dict[str, list[Finding]] = {}
        self.confidentiality_declarations: list[Declaration] = []
        self._names_to_declare: list[Declaration] = []
        # Names declared before in the same words, declared again with their role (no tick needed).
        self.confidentiality_remembered: list[Declaration] = []
        self.confidentiality_names: list[NameToConfirm] = []
        self._scanned: dict[str, str] = {}

    @property
    def confidentiality_attributes(self) -> dict:
        """Attributes for a textarea so the browser checks it while the author types."""
        return {"data-confidentiality-check": reverse("confidentiality:check")}

    @property
    def confidentiality_declaration_needed(self) -> bool:
        return bool(self._names_to_declare)

    @property
    def confidentiality_role_fields(self) -> list:
        """(name, bound role field) for each name the author may confirm, in the order written."""
        return [(n.text, self[n.field_name]) for n in self.confidentiality_names]

    @property
    def confidentiality_suggestions(self) -> list[Suggestion]:
        """General wording to offer for what was found ("a long-term lung condition")."""
        return [
            Suggestion(f.text_in(self._scanned[name]), KINDS[f.type].label, f.suggestion)
            for name, findings in self.confidentiality_findings.items()
            for f in findings
            if f.suggestion
        ]

    @property
    def confidentiality_warnings(self) -> dict[str, list[Finding]]:
        return {
            name: [f for f in findings if f.action == Action.WARN]
            for name, findings in self.confidentiality_findings.items()
            if any(f.action == Action.WARN for f in findings)
        }

    def _checked_texts(self, cleaned_data):
        for name, field in self.fields.items():
            if name.startswith(OWN_PREFIX) or name in self.confidentiality_exempt_fields or name not in cleaned_data:
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
        self.confidentiality_remembered = []
        self.confidentiality_names, self._scanned = [], {}
        for name in [n for n in self.fields if n.startswith(ROLE_PREFIX)]:
            del self.fields[name]  # a name taken out of the writing since the last attempt
        limit = settings.CONFIDENTIALITY_MAX_CHARACTERS
        refused_names = []
        for name, text in self._checked_texts(cleaned_data):
            if len(text) > limit and not isinstance(self.fields[name], CheckedDocumentField):
                # Refused unscanned: the scan's cost grows with the text, and nobody writes this much
                # into one field of a portfolio.
                self.add_error(name, ValidationError(too_long_message(limit), code="confidentiality_too_long"))
                continue
            findings = scan(text)
            self.confidentiality_findings[name], self._scanned[name] = findings, text
            blocking = [f for f in findings if f.action == Action.BLOCK]
            if blocking:
                self.add_error(name, ValidationError(block_message(blocking, text), code="confidentiality_block"))
            refused = []
            for f in findings:
                if f.action != Action.CONFIRM:
                    continue
                refusal = colleagues.refusal(text, f.start, f.end) if f.type == PERSON else None
                if refusal:
                    refused.append(refusal.message)
                    refused_names.append(f.text_in(text))
                else:
                    context = name_context(text, f.start, f.end) if f.type == PERSON else ""
                    declaration = Declaration(name, f.text_in(text), f.type, f.start, f.end, context=context)
                    role = self._confirmed_before.get((name, " ".join(declaration.text.casefold().split()), context))
                    if role:
                        self.confidentiality_remembered.append(Declaration(**(declaration.as_dict() | {"role": role})))
                    else:
                        self._names_to_declare.append(declaration)
            if refused:
                self.add_error(name, ValidationError(" ".join(refused), code="confidentiality_not_a_colleague"))
        self._names_to_declare = self._without_parts_of(refused_names, self._names_to_declare)
        self.confidentiality_remembered = self._without_parts_of(refused_names, self.confidentiality_remembered)
        if self._names_to_declare:
            self._confirm(cleaned_data)
            if self.confidentiality_declarations:
                self.confidentiality_declarations = self.confidentiality_remembered + self.confidentiality_declarations
        else:
            self.confidentiality_declarations = list(self.confidentiality_remembered)
        return cleaned_data

    def _without_parts_of(self, refused_names, declarations):
        """What may still be declared once the refused names are known: "Margaret" further on is the
        same patient as "Mrs Margaret Thompson", so it is refused with her rather than confirmed."""
        words = {w for n in refused_names for w in colleagues.name_words(n)}
        kept, refused = [], {}
        for d in declarations:
            if d.type == PERSON and words & set(colleagues.name_words(d.text)):
                refused.setdefault(d.field, []).append(d.text)
            else:
                kept.append(d)
        for field, names in refused.items():
            message = colleagues.PART_OF_REFUSED.format(names=", ".join(f"“{n}”" for n in dict.fromkeys(names)))
            self.add_error(field, ValidationError(message, code="confidentiality_not_a_colleague"))
        return kept

    def _confirm(self, cleaned_data):
        """The declaration for what needs confirming, and a role for each name confirmed."""
        roles, role_errors = {}, False
        kinds = {d.type == PERSON for d in self._names_to_declare}
        self.fields[DECLARATION].label = {
            frozenset({True}): self.confidentiality_declaration_label,
            frozenset({False}): DETAILS_LABEL,
            frozenset({True, False}): BOTH_LABEL,
        }[frozenset(kinds)]
        for declaration in self._names_to_declare:
            if declaration.type != PERSON:
                continue
            field_name = role_field_name(declaration.text)
            if field_name in roles:
                continue
            field = forms.CharField(
                label=f"{declaration.text}: what is their role?",
                help_text="For example, practice nurse or social prescribing link worker.",
                max_length=100,
                required=False,
            )
            self.fields[field_name] = field
            self.confidentiality_names.append(NameToConfirm(declaration.text, field_name))
            try:
                role = field.clean(field.widget.value_from_datadict(self.data, self.files, self.add_prefix(field_name)))
            except ValidationError as error:
                self.add_error(field_name, error)
                role_errors = True
                continue
            cleaned_data[field_name] = roles[field_name] = role = role.strip()
            problem = colleagues.role_problem(declaration.text, role) if cleaned_data.get(DECLARATION) else ""
            if problem:
                self.add_error(field_name, ValidationError(problem, code="confidentiality_role"))
                role_errors = True
        if cleaned_data.get(DECLARATION):
            if not role_errors:
                self.confidentiality_declarations = [
                    Declaration(**(d.as_dict() | {"role": roles.get(role_field_name(d.text), "")}))
                    if d.type == PERSON
                    else d
                    for d in self._names_to_declare
                ]
            return
        names = [d for d in self._names_to_declare if d.type == PERSON]
        details = [d for d in self._names_to_declare if d.type != PERSON]
        parts = []
        if names:
            quoted = ", ".join(f"“{d.text}”" for d in names)
            parts.append(
                f"Check the name{'s' if len(names) > 1 else ''} {quoted}. "
                "Remove the name of any patient, service user or carer. "
                "If everyone named is a colleague or someone else who may be named, enter their role and tick this box."
            )
        if details:
            found = {(name, f.start, f.end): f for name, fs in self.confidentiality_findings.items() for f in fs}
            described = [_detail(found[d.field, d.start, d.end], cleaned_data[d.field]) for d in details]
            parts.append(
                f"Check {'; '.join(described)}. Together with other details, this could identify someone. "
                "Change it to general wording, or tick this box if nobody could be identified."
            )
        self.add_error(DECLARATION, ValidationError(" ".join(parts), code="confidentiality_confirm"))
