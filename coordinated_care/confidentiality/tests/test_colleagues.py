"""No name saved by a tick alone (issue 16, item 4): a name confirmed as a colleague's comes with
their role, and a name with a title or next to a patient word cannot be confirmed at all. Also the
suggestions of general wording, and the bound on how much text one field may hold."""

import pytest
from django import forms
from django.urls import reverse

from coordinated_care.confidentiality import colleagues
from coordinated_care.confidentiality import forms as guard_forms
from coordinated_care.confidentiality.findings import Action, Finding
from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin, role_field_name


class NoteForm(ConfidentialityCheckedFormMixin, forms.Form):
    note = forms.CharField(widget=forms.Textarea)  # no max_length: the guard's own bound applies


def form(note, declared=False, **extra):
    data = {"note": note, **extra}
    if declared:
        data["confidentiality_declaration"] = "on"
    return NoteForm(data=data)


def refused(text, name):
    start = text.index(name)
    return colleagues.refusal(text, start, start + len(name))


@pytest.mark.parametrize(
    ("text", "name", "word"),
    [
        ("I visited Mrs Margaret Thompson at home.", "Mrs Margaret Thompson", "Mrs"),
        ("I visited Mrs Margaret Thompson at home.", "Margaret Thompson", "Mrs"),  # the title outside the span
        ("Mr J. Smith came to the surgery.", "J. Smith", "Mr"),
        ("Miss Jones rang.", "Jones", "Miss"),
        ("Dr. Patel reviewed the medicines.", "Patel", "Dr"),
    ],
)
def test_a_name_with_a_title_cannot_be_a_colleagues(text, name, word):
    refusal = refused(text, name)
    assert refusal.reason == "title"
    assert f"({word})" in refusal.message and "cannot be confirmed as a colleague" in refusal.message


@pytest.mark.parametrize(
    ("text", "name", "word"),
    [
        ("I spoke to the patient, John Smith, about it.", "John Smith", "patient"),
        ("Her daughter Sarah rang the practice.", "Sarah", "daughter"),
        ("Sarah (her daughter) rang.", "Sarah", "daughter"),
        ("Jean Smith's carer rang.", "Jean Smith", "carer"),
        ("John Smith, a service user, said so.", "John Smith", "service user"),
        ("Bob Jones, who is a patient here, agreed.", "Bob Jones", "patient"),
        ("A service user called Bob Jones agreed.", "Bob Jones", "service user"),
        ("Her son Tom drives her.", "Tom", "son"),
        ("His friend Ann visits.", "Ann", "His friend"),
    ],
)
def test_a_name_next_to_a_patient_word_cannot_be_a_colleagues(text, name, word):
    refusal = refused(text, name)
    assert refusal.reason == "patient"
    assert f"next to “{word}”" in refusal.message


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I discussed the patient with Sam Patel today.", "Sam Patel"),  # the patient word is not next to the name
        ("Sam Patel, the practice nurse, agreed.", "Sam Patel"),
        ("Sam Patel, our carers lead, agreed.", "Sam Patel"),  # a colleague's job with a patient word in it
        ("The GP partner Ann Lee agreed.", "Ann Lee"),  # "partner" alone is a colleague's word
        ("I met Priya Shah and the patient together.", "Priya Shah"),
    ],
)
def test_a_colleague_written_as_colleagues_are_may_be_confirmed(text, name):
    assert refused(text, name) is None


def test_the_role_must_be_given_and_must_not_be_a_patients():
    assert colleagues.role_problem("Sam", "Practice nurse") == ""
    assert "Enter the role of “Sam”" in colleagues.role_problem("Sam", "  ")
    assert "cannot be named" in colleagues.role_problem("Sam", "her daughter")
    assert "cannot be named" in colleagues.role_problem("Sam", "the patient")
    assert colleagues.role_problem("Sam", "Carers lead") == ""


def test_a_tick_alone_does_not_save_a_name():
    ticked = form("I agreed the plan with Sam Okafor.", declared=True)
    assert not ticked.is_valid()
    field = role_field_name("Sam Okafor")
    assert ticked.has_error(field, code="confidentiality_role")
    assert ticked.errors[field] == [
        "Enter the role of “Sam Okafor”, or remove the name if they are a patient, service user or carer"
    ]
    assert ticked.confidentiality_declarations == []


def test_a_name_saved_with_its_role_keeps_the_role_with_the_declaration():
    saved = form("I agreed the plan with Sam Okafor.", declared=True, **{role_field_name("Sam Okafor"): " Pharmacist "})
    assert saved.is_valid(), saved.errors
    [declaration] = saved.confidentiality_declarations
    assert (declaration.text, declaration.type, declaration.role) == ("Sam Okafor", "PERSON", "Pharmacist")


def test_the_role_of_a_patient_is_refused():
    given = form("I agreed the plan with Sam Okafor.", declared=True, **{role_field_name("Sam Okafor"): "her son"})
    assert not given.is_valid()
    assert "cannot be named" in given.errors[role_field_name("Sam Okafor")][0]


def test_a_name_written_twice_or_in_another_case_has_one_role():
    assert role_field_name("Sam Okafor") == role_field_name("sam  okafor") != role_field_name("Sam Okafo")
    assert role_field_name("Sam Okafor").startswith("confidentiality_role_")


def test_a_patients_name_with_a_title_is_refused_however_it_is_declared():
    text = "I visited Mrs Margaret Thompson at home."
    roles = {role_field_name("Mrs Margaret Thompson"): "Colleague", role_field_name("Margaret Thompson"): "Colleague"}
    ticked = form(text, declared=True, **roles)
    assert not ticked.is_valid()
    assert ticked.has_error("note", code="confidentiality_not_a_colleague")
    assert "“Mrs Margaret Thompson” is written with a title (Mrs)" in ticked.errors["note"][0]
    assert ticked.confidentiality_declarations == []
    # No role is asked for a name that can never be confirmed.
    assert ticked.confidentiality_names == []


def test_a_patients_relative_is_refused_however_it_is_declared():
    ticked = form("Her daughter Sarah Jones rang the surgery.", declared=True)
    assert not ticked.is_valid()
    assert "“Sarah Jones” is next to “daughter”" in ticked.errors["note"][0]


def fake_scan(findings):
    def scan(text):
        return findings

    return scan


def test_a_condition_is_confirmed_without_a_role_and_its_general_wording_is_offered(monkeypatch):
    text = "She has COPD."
    copd = Finding(8, 12, "CONDITION", 0.7, Action.CONFIRM, suggestion="a long-term lung condition")
    monkeypatch.setattr(guard_forms, "scan", fake_scan([copd]))
    unticked = form(text)
    assert not unticked.is_valid()
    message = unticked.errors["confidentiality_declaration"][0]
    assert "a specific medical condition (“COPD”): you could write “a long-term lung condition”" in message
    assert unticked.fields["confidentiality_declaration"].label == guard_forms.DETAILS_LABEL
    [suggestion] = unticked.confidentiality_suggestions
    assert (suggestion.text, suggestion.wording) == ("COPD", "a long-term lung condition")
    assert unticked.confidentiality_names == []
    html = render_declaration(unticked)
    assert "Instead of “COPD” (a specific medical condition), you could write: a long-term lung condition" in html
    ticked = form(text, declared=True)
    assert ticked.is_valid(), ticked.errors
    assert [(d.type, d.role) for d in ticked.confidentiality_declarations] == [("CONDITION", "")]


def test_the_declaration_asks_for_each_role_beside_the_box():
    asked = form("I agreed the plan with Sam Okafor and Priya Shah.")
    asked.is_valid()
    html = render_declaration(asked)
    for name in ("Sam Okafor", "Priya Shah"):
        assert f'name="{role_field_name(name)}"' in html and f"{name}: what is their role?" in html
    assert html.index("Sam Okafor: what is their role?") < html.index('name="confidentiality_declaration"')


def render_declaration(bound):
    from django.template import engines

    template = engines["jinja2"].from_string(
        '{% from "confidentiality/declaration.jinja" import confidentialityDeclaration %}'
        "{{ confidentialityDeclaration(form) }}"
    )
    return template.render({"form": bound})


def test_text_over_the_limit_is_refused_before_it_is_scanned(monkeypatch, settings):
    def no_scan(text):
        raise AssertionError("text over the limit was scanned")

    monkeypatch.setattr(guard_forms, "scan", no_scan)
    too_long = form("a" * 2_000_000)
    assert not too_long.is_valid()
    assert too_long.has_error("note", code="confidentiality_too_long")
    assert too_long.errors["note"] == [
        "This is too long to check for patient details: it can be up to 100,000 characters. "
        "Shorten it, or split it across more than one entry."
    ]
    settings.CONFIDENTIALITY_MAX_CHARACTERS = 1000
    assert form("a" * 1001).has_error("note", code="confidentiality_too_long")


def test_two_million_characters_posted_to_a_form_get_a_message_not_an_error(signed_in, enrolment):
    from coordinated_care.feedback.models import FeedbackResponse, ResponseEvidenceLink

    response = FeedbackResponse.objects.create(
        enrolment=enrolment,
        audience="patient",
        source=FeedbackResponse.Source.ONLINE,
        received_on="2027-03-03",
        respondent="patient",
        needs=5,
        choice=4,
        talked=5,
        respect=5,
        feelings=3,
    )
    criterion = enrolment.cohort.programme.criteria.first()
    page = signed_in(enrolment.learner).post(
        reverse("feedback:response", args=[enrolment.uuid, response.uuid]),
        {"criterion": criterion.pk, "how_it_shows": "word " * 400_000},
    )
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()
    assert not ResponseEvidenceLink.objects.exists()


def test_the_rest_of_a_refused_name_is_refused_with_it():
    text = "I visited Mrs Margaret Thompson at home. Margaret was pleased with the plan."
    ticked = form(text, declared=True, **{role_field_name("Margaret"): "Practice nurse"})
    assert not ticked.is_valid()
    assert any("“Margaret” is part of a name that cannot be saved" in e for e in ticked.errors["note"])
    assert ticked.confidentiality_declarations == []
    assert colleagues.name_words("Mrs J. Smith") == ["smith"]


def test_a_title_in_lower_case_counts_too():
    assert refused("I rang mrs smith.", "smith").reason == "title"
