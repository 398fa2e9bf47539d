from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from coordinated_care.confidentiality.forms import (
    CheckedDocumentField,
    ConfidentialityCheckedFormMixin,
    Declaration,
    name_context,
    role_field_name,
)

from .documents import make_docx, make_pdf


class ReflectionForm(ConfidentialityCheckedFormMixin, forms.Form):
    title = forms.CharField(max_length=200)
    reflection = forms.CharField(widget=forms.Textarea)
    supervisor_email = forms.EmailField(required=False)
    attachment = CheckedDocumentField(required=False)


def make_form(reflection, title="A reflection", declared=False, files=None, **extra):
    data = {"title": title, "reflection": reflection, **extra}
    if declared:
        data["confidentiality_declaration"] = "on"
    return ReflectionForm(data=data, files=files)


def test_clean_text_passes():
    form = make_form("In March we started a walking group with Age UK. I hope it continues.")
    assert form.is_valid(), form.errors
    assert form.confidentiality_declarations == []
    assert not form.confidentiality_declaration_needed


def test_an_identifier_is_refused_with_a_plain_message():
    form = make_form("His NHS number is 943 476 5919 and he lives at B15 2TT.")
    assert not form.is_valid()
    [message] = form.errors["reflection"]
    assert "an NHS number (“943 476 5919”) and a postcode (“B15 2TT”)" in message
    assert "could identify a patient, service user or carer" in message
    assert form.has_error("reflection", code="confidentiality_block")


def test_a_name_needs_the_declaration():
    form = make_form("I discussed the plan with Sam Okafor.")
    assert not form.is_valid()
    assert form.confidentiality_declaration_needed
    assert "“Sam Okafor”" in form.errors["confidentiality_declaration"][0]
    assert form.confidentiality_declarations == []


def test_a_declared_name_is_saved_with_its_role_and_the_declaration_is_kept():
    text = "I discussed the plan with Sam Okafor."
    form = make_form(text, declared=True, **{role_field_name("Sam Okafor"): "Practice pharmacist"})
    assert form.is_valid(), form.errors
    assert form.confidentiality_declarations == [
        Declaration(
            field="reflection",
            text="Sam Okafor",
            type="PERSON",
            start=26,
            end=36,
            role="Practice pharmacist",
            context=name_context(text, 26, 36),
        )
    ]
    assert form.confidentiality_declarations[0].as_dict()["role"] == "Practice pharmacist"


def test_a_declaration_does_not_let_an_identifier_through():
    form = make_form("Sam Okafor gave me 07700 900123.", declared=True)
    assert not form.is_valid()
    assert "a phone number" in form.errors["reflection"][0]


def test_every_text_field_is_checked_not_only_textareas():
    form = make_form("Nothing here.", title="Visit with Priya Patel")
    assert not form.is_valid()
    assert "“Priya Patel”" in form.errors["confidentiality_declaration"][0]


def test_email_fields_are_not_free_text():
    form = make_form("Nothing here.", supervisor_email="r.whitfield@nhs.net")
    assert form.is_valid(), form.errors


def test_advice_is_exposed_without_stopping_the_save():
    form = make_form("A lady aged 84 who lives alone.")
    assert form.is_valid(), form.errors
    [warning] = form.confidentiality_warnings["reflection"]
    assert warning.type == "AGE"


def test_an_uploaded_document_with_an_identifier_is_refused():
    upload = SimpleUploadedFile("case.docx", make_docx("Her NHS number is 943 476 5919."))
    form = make_form("See the attached case study.", files={"attachment": upload})
    assert not form.is_valid()
    assert "an NHS number" in form.errors["attachment"][0]


def test_a_name_in_an_uploaded_pdf_needs_the_declaration():
    upload = SimpleUploadedFile("case.pdf", make_pdf("I met Amira Begum at the practice."))
    form = make_form("See the attached case study.", files={"attachment": upload})
    assert not form.is_valid()
    assert "“Amira Begum”" in form.errors["confidentiality_declaration"][0]
    declared = make_form(
        "See the attached.",
        files={"attachment": SimpleUploadedFile("c.pdf", make_pdf("I met Amira Begum."))},
        declared=True,
        **{role_field_name("Amira Begum"): "Social prescribing link worker"},
    )
    assert declared.is_valid(), declared.errors
    assert declared.confidentiality_declarations[0].field == "attachment"


def test_a_file_that_cannot_be_checked_is_refused():
    upload = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0")
    form = make_form("See the attached.", files={"attachment": upload})
    assert not form.is_valid()
    assert "PDF" in form.errors["attachment"][0]


def test_a_document_is_judged_by_its_bytes_not_its_name():
    # A PDF called .txt is read as the PDF it is, and its patient's number is found.
    upload = SimpleUploadedFile("notes.txt", make_pdf("Her NHS number is 943 476 5919."))
    form = make_form("See the attached.", files={"attachment": upload})
    assert not form.is_valid()
    assert "NHS number" in form.errors["attachment"][0]
    # A program called .pdf is no document at all.
    program = SimpleUploadedFile("case.pdf", b"MZ\x90\x00\x03\x00\x00\x00")
    assert make_form("See the attached.", files={"attachment": program}).has_error("attachment", code="file_type")


def test_a_document_over_the_upload_limit_is_refused_before_it_is_read(settings):
    settings.PORTFOLIO_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("notes.txt", b"a" * 1025)
    form = make_form("See the attached.", files={"attachment": upload})
    assert form.has_error("attachment", code="unreadable")
    assert "too large to check" in form.errors["attachment"][0]


def test_the_live_check_attribute_points_at_the_endpoint():
    assert make_form("x").confidentiality_attributes == {"data-confidentiality-check": "/confidentiality/check/"}


def render_declaration(form):
    from django.template import engines

    template = engines["jinja2"].from_string(
        '{% from "confidentiality/declaration.jinja" import confidentialityDeclaration %}'
        "{{ confidentialityDeclaration(form) }}"
    )
    return template.render({"form": form})


def test_the_declaration_box_appears_only_once_a_name_is_found():
    assert "confidentiality_declaration" not in render_declaration(ReflectionForm())
    form = make_form("I discussed the plan with Sam Okafor.")
    form.is_valid()
    html = render_declaration(form)
    assert 'name="confidentiality_declaration"' in html
    assert "nhsuk-error-message" in html
    assert "“Sam Okafor”" in html
    # A tick alone never saves a name: the role is asked for beside it.
    assert f'name="{role_field_name("Sam Okafor")}"' in html
    assert "Sam Okafor: what is their role?" in html
