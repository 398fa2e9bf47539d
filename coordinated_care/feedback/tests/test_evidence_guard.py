"""The confidentiality guard on what the learner writes when linking feedback as evidence (issue 16):
an identifier is refused, a colleague's name needs a role, a patient's name cannot be confirmed."""

from django.urls import reverse

from coordinated_care.confidentiality.forms import role_field_name
from coordinated_care.feedback.models import FeedbackResponse, ResponseEvidenceLink

from .conftest import make_response


def post(signed_in, learner, enrolment, response, how_it_shows, **extra):
    criterion = enrolment.cohort.programme.criteria.first()
    url = reverse("feedback:response", args=[enrolment.uuid, response.uuid])
    return signed_in(learner).post(url, {"criterion": criterion.pk, "how_it_shows": how_it_shows, **extra})


def test_an_nhs_number_or_a_postcode_cannot_be_linked(signed_in, learner, enrolment):
    response = make_response(enrolment)
    page = post(signed_in, learner, enrolment, response, "The patient (NHS number 943 476 5919) lives at B15 2TT.")
    html = page.content.decode()
    assert page.status_code == 200
    assert "an NHS number" in html and "a postcode" in html and "Remove it before saving" in html
    assert not ResponseEvidenceLink.objects.exists()


def test_a_colleagues_name_is_linked_only_with_their_role(signed_in, learner, enrolment):
    response = make_response(enrolment)
    writing = "Priya Shah saw how I listened during the review."
    page = post(signed_in, learner, enrolment, response, writing, confidentiality_declaration="on")
    assert page.status_code == 200 and "Enter the role of “Priya Shah”" in page.content.decode()
    assert not ResponseEvidenceLink.objects.exists()
    role = {role_field_name("Priya Shah"): "Practice nurse"}
    page = post(signed_in, learner, enrolment, response, writing, confidentiality_declaration="on", **role)
    assert page.status_code == 302
    assert ResponseEvidenceLink.objects.get().how_it_shows == writing


def test_a_patients_name_with_a_title_cannot_be_linked_whatever_is_ticked(signed_in, learner, enrolment):
    response = make_response(enrolment)
    writing = "Mrs Margaret Thompson said I listened."
    roles = {role_field_name("Mrs Margaret Thompson"): "Colleague", role_field_name("Margaret Thompson"): "Colleague"}
    page = post(signed_in, learner, enrolment, response, writing, confidentiality_declaration="on", **roles)
    assert page.status_code == 200
    assert "cannot be confirmed as a colleague" in page.content.decode()
    assert not ResponseEvidenceLink.objects.exists()


def test_the_evidence_box_is_checked_while_typing(signed_in, learner, enrolment):
    response = make_response(enrolment)
    page = signed_in(learner).get(reverse("feedback:response", args=[enrolment.uuid, response.uuid]))
    assert 'data-confidentiality-check="/confidentiality/check/"' in page.content.decode()


def test_a_public_answer_naming_a_patients_relative_is_refused_even_when_ticked():
    from coordinated_care.feedback.forms.answers import PatientAnswers

    data = {
        "respondent": FeedbackResponse.Respondent.PATIENT,
        **{q: "5" for q in ("needs", "choice", "talked", "respect", "feelings")},
        "did_well": "She phoned my daughter Sarah Jones every week.",
        "names_confirmed": "on",
    }
    form = PatientAnswers(data=data)
    assert not form.is_valid()
    assert "Please take out the name “Sarah Jones”" in form.errors["did_well"][0]


def test_nothing_in_feedback_can_switch_the_guard_off():
    # An `except ImportError` around the guard's import once let every form through unchecked when
    # the guard failed to load: the import must fail loudly instead.
    from pathlib import Path

    import coordinated_care.feedback as feedback

    sources = [p for p in Path(feedback.__file__).parent.rglob("*.py") if "tests" not in p.parts]
    assert sources
    assert [str(p) for p in sources if "except ImportError" in p.read_text(encoding="utf-8")] == []
