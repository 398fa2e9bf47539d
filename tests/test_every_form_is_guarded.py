"""Every form in the project that takes free text runs the confidentiality guard.

The test imports every app's form modules (and its views and admin, where a form may also be
declared), finds every Form and ModelForm class, and reads its declared text fields. A text field
passes if the guard checks it:

- the form uses the portfolio's mixin (`ConfidentialityCheckedFormMixin`), which scans every text
  field that is not exempted and not an e-mail, URL, password or hidden field; or
- the form is one of the public feedback forms (`feedback.forms.answers.GuardedForm`) and the
  field is in its `guarded_fields`.

Any other text field fails the test unless it is in `NOT_FREE_TEXT` below, with the reason it is
not free text a patient's details could be written into. A new form with free text and no guard
therefore fails here until it has the guard or a reason. Fields a form adds in its `__init__`
(the review's questions, the decision's agreed actions) are not seen here: the forms that add
them use the mixin, which checks every field present when the form is cleaned."""

import importlib
from pathlib import Path

from django import forms

import coordinated_care
from coordinated_care.confidentiality.forms import NOT_FREE_TEXT as NOT_SCANNED_BY_THE_MIXIN
from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.feedback.forms.answers import GuardedForm

ROOT = Path(coordinated_care.__file__).parent

# "module.Class.field": why this field is not free text the guard must read.
NOT_FREE_TEXT = {
    # People's own names and contact details, asked for as such: the field holds a name by what it
    # is (scanning it would only ever say "this is a name"), is shown to the people the form is
    # about, and is not written about anyone else.
    "coordinated_care.assessments.forms.invitations.InvitationSignForm.name": "the invited signer's own full name",
    "coordinated_care.assessments.forms.invitations.InvitationSignForm.role": (
        "the invited signer's own job title, printed with their signature"
    ),
    "coordinated_care.assessments.forms.invitations.InvitationSignForm.registration": (
        "the signer's professional registration number (NMC, HCPC...), a colleague's identifier by design"
    ),
    "coordinated_care.assessments.forms.reviews.InviteForm.name": "the full name of the colleague invited to sign",
    "coordinated_care.assessments.forms.sign_offs.DecisionForm.agreed_with_supervisor": (
        "the name of the supervisor the facilitator agreed the decision with"
    ),
    "coordinated_care.programmes.forms.cohorts.EnrolmentForm.learner_full_name": "the learner's own full name",
    "coordinated_care.programmes.forms.cohorts.EnrolmentForm.additional_signatory_name": (
        "the full name of the learner's additional signatory, a colleague"
    ),
    "coordinated_care.feedback.forms.staff.RequestForm.learner_name": (
        "the learner's own name, printed on the feedback card so patients know who it is about"
    ),
    "coordinated_care.feedback.forms.staff.PaperColleagueForm.given_name": (
        "the name a member of staff signed their own feedback form with; their role is beside it"
    ),
    "coordinated_care.feedback.forms.answers.ColleagueAnswers.given_name": (
        "the name a member of staff gives with their own feedback; the public form lets it through as theirs"
    ),
    "coordinated_care.feedback.forms.public.ColleagueAnswersForm.given_name": (
        "the name a member of staff gives with their own feedback; the public form lets it through as theirs"
    ),
    # Codes: never shown, never stored as writing.
    "coordinated_care.assessments.forms.invitations.CodeForm.code": "the one-time code sent to an invited signer",
    "coordinated_care.reports.document.forms.VerifyForm.code": "the verification code printed on a portfolio document",
    "coordinated_care.portfolios.forms.redaction.RedactionForm.text": (
        "the identifier being removed, typed to find it in saved text; replaced everywhere, never stored"
    ),
    # Machinery the browser sends back unchanged.
    "coordinated_care.assessments.forms.sign_offs.DecisionForm.subject_hash": (
        "a hidden hash of the evidence being signed, compared with what is signed"
    ),
    "coordinated_care.assessments.forms.sign_offs.ReconfirmForm.subject_hash": (
        "a hidden hash of the evidence being re-confirmed, compared with what is signed"
    ),
    "coordinated_care.assessments.forms.feedback_summaries.SignSummaryForm.summary_hash": (
        "a hidden hash of the patient feedback summary being signed, compared with what is signed"
    ),
    "coordinated_care.feedback.forms.public.SpamChecked.started": "a hidden signed note of when the form was shown",
    "coordinated_care.feedback.forms.public.SpamChecked.website": "the honeypot: people never see it, bots fill it in",
    "coordinated_care.feedback.forms.public.PatientAnswersForm.started": "as SpamChecked.started",
    "coordinated_care.feedback.forms.public.PatientAnswersForm.website": "as SpamChecked.website",
    "coordinated_care.feedback.forms.public.ColleagueAnswersForm.started": "as SpamChecked.started",
    "coordinated_care.feedback.forms.public.ColleagueAnswersForm.website": "as SpamChecked.website",
    # Content of the service itself, written by its administrators in Django's admin, which shows
    # only the model's fields (so not the guard's declaration): programme wording, not writing
    # about anyone.
    "coordinated_care.programmes.admin.ProgrammeAdminForm.title": "a programme's title, written by administrators",
    "coordinated_care.programmes.admin.ProgrammeAdminForm.description": "a programme's description, as above",
    "coordinated_care.programmes.admin.ProgrammeAdminForm.prerequisite": "a programme's prerequisite, as above",
    "coordinated_care.programmes.admin.EnrolmentAdminForm.additional_signatory_name": (
        "the additional signatory's full name, a colleague, entered by an administrator"
    ),
}

# Kinds of field whose value is checked to be a format that cannot hold a sentence: an e-mail
# address (a colleague's or the person's own, asked for to send them something), a web address, a
# slug, a UUID, an IP address. The mixin does not scan them either.
NOT_FREE_TEXT_TYPES = NOT_SCANNED_BY_THE_MIXIN
# A password box: what is typed there is a secret, never shown or kept as writing.
NOT_FREE_TEXT_WIDGETS = (forms.PasswordInput,)

# Collections of fields, never used as a form on their own: each is guarded through every form of
# the project built on it, which the test checks.
FIELD_COLLECTIONS = {
    "coordinated_care.feedback.forms.answers.PatientFields": "the patient form's answers",
    "coordinated_care.feedback.forms.answers.ColleagueFields": "the staff and key-person form's answers",
    "coordinated_care.roles.forms.DetailsFields": "a role profile's details",
}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        stem, folders = parts[-1], parts[:-1]
        if stem.startswith(("forms", "admin", "views")) or {"forms", "views"} & set(folders):
            yield ".".join(parts).removesuffix(".__init__")


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_forms():
    for module in _modules():
        importlib.import_module(module)
    found = {
        c
        for c in _subclasses(forms.BaseForm)
        if c.__module__.startswith("coordinated_care.") and ".tests." not in c.__module__
    }
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def name(cls, field=None):
    return f"{cls.__module__}.{cls.__qualname__}" + (f".{field}" if field else "")


def guarded(cls, field_name, field) -> bool:
    if issubclass(cls, ConfidentialityCheckedFormMixin):
        return not (
            field_name in cls.confidentiality_exempt_fields
            or isinstance(field, NOT_SCANNED_BY_THE_MIXIN)
            or isinstance(field.widget, forms.PasswordInput | forms.HiddenInput)
        )
    return issubclass(cls, GuardedForm) and field_name in cls.guarded_fields


def text_fields(cls):
    return [
        (n, f)
        for n, f in cls.base_fields.items()
        if isinstance(f, forms.CharField)
        and not isinstance(f, NOT_FREE_TEXT_TYPES)
        and not isinstance(f.widget, NOT_FREE_TEXT_WIDGETS)
    ]


def unguarded(cls):
    return [n for n, f in text_fields(cls) if not guarded(cls, n, f)]


def test_the_walk_finds_the_forms_it_must():
    # If the walk stopped importing an app's forms, the test below would pass on nothing.
    names = {name(c) for c in project_forms()}
    for expected in (
        "coordinated_care.portfolios.forms.portfolio.EntryForm",
        "coordinated_care.feedback.forms.staff.EvidenceForm",
        "coordinated_care.feedback.forms.public.PatientAnswersForm",
        "coordinated_care.assessments.forms.sign_offs.DecisionForm",
        "coordinated_care.roles.forms_checklists.EntryForm",
        "coordinated_care.programmes.forms.cohorts.WorkshopForm",
        "coordinated_care.programmes.admin.ProgrammeAdminForm",
    ):
        assert expected in names


def test_every_free_text_field_of_every_form_is_guarded():
    missing = []
    for cls in project_forms():
        if name(cls) in FIELD_COLLECTIONS:
            continue
        missing += [name(cls, n) for n in unguarded(cls) if name(cls, n) not in NOT_FREE_TEXT]
    assert missing == [], (
        "These text fields are not checked by the confidentiality guard. Put ConfidentialityCheckedFormMixin "
        "first in the form's bases, or, if the field cannot hold writing about a person, add it to NOT_FREE_TEXT "
        "with the reason: " + ", ".join(missing)
    )


def test_a_field_collection_is_guarded_in_every_form_built_on_it():
    classes = {name(c): c for c in project_forms()}
    for collection in FIELD_COLLECTIONS:
        base = classes[collection]
        users = [c for c in classes.values() if issubclass(c, base) and c is not base]
        assert users, f"{collection} is used by no form: take it out of FIELD_COLLECTIONS"
        for cls in users:
            left = [n for n in unguarded(cls) if n in base.base_fields and name(cls, n) not in NOT_FREE_TEXT]
            assert left == [], f"{name(cls)} leaves {left} of {collection} unguarded"


def test_every_reason_still_names_a_field_that_is_not_guarded():
    # A stale entry would let a new field of the same name through unseen.
    classes = {name(c): c for c in project_forms()}
    for entry in NOT_FREE_TEXT:
        form_name, field_name = entry.rsplit(".", 1)
        assert form_name in classes, f"{entry}: no such form"
        cls = classes[form_name]
        assert field_name in cls.base_fields, f"{entry}: no such field"
        assert not guarded(cls, field_name, cls.base_fields[field_name]), f"{entry} is guarded: remove it"


def test_the_feedback_evidence_form_is_guarded():
    from coordinated_care.feedback.forms import EvidenceForm

    assert issubclass(EvidenceForm, ConfidentialityCheckedFormMixin)
    assert unguarded(EvidenceForm) == []


def test_a_form_with_free_text_and_no_guard_is_caught():
    class Unguarded(forms.Form):
        notes = forms.CharField(widget=forms.Textarea)
        email = forms.EmailField()

    class Guarded(ConfidentialityCheckedFormMixin, forms.Form):
        notes = forms.CharField(widget=forms.Textarea)
        email = forms.EmailField()

    assert unguarded(Unguarded) == ["notes"]
    assert unguarded(Guarded) == []
