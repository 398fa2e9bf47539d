"""The confidentiality guard on every portfolio form (docs/confidentiality.md): identifiers are
refused, names need the learner's declaration, which is kept with the version saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coordinated_care.confidentiality.forms import role_field_name
from coordinated_care.portfolios.models import Attachment, Entry, EntryVersion, EvidenceLink

from .builders import CASE_STUDY, add_case_study, pdf_with_text

NHS_NUMBER = "943 476 5919"


def url(name, *args):
    return reverse(f"portfolios:{name}", args=args)


@pytest.fixture
def learner_client(enrolment, signed_in):
    return signed_in(enrolment.learner)


def test_an_identifier_is_refused_and_nothing_is_saved(enrolment, learner_client):
    response = learner_client.post(
        url("new_entry", enrolment.uuid, "case-studies"),
        {**CASE_STUDY, "overview": f"Their NHS number is {NHS_NUMBER}."},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Remove it before saving" in html and 'href="#id_overview"' in html
    assert not Entry.objects.exists()


def test_a_name_needs_the_declaration_which_is_kept_with_the_version(enrolment, learner_client):
    data = {**CASE_STUDY, "coordination": "I spoke to Sam Okafor, the practice pharmacist, about a review."}
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), data)
    html = response.content.decode()
    assert response.status_code == 200 and "Okafor" in html
    assert 'href="#id_confidentiality_declaration"' in html
    assert not Entry.objects.exists()
    # A tick alone does not save the name: the colleague's role must come with it.
    declared = {**data, "confidentiality_declaration": "on"}
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), declared)
    assert response.status_code == 200 and "Enter the role of “Sam Okafor”" in response.content.decode()
    role = {role_field_name("Sam Okafor"): "Practice pharmacist"}
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), {**declared, **role})
    assert response.status_code == 302
    version = EntryVersion.objects.get()
    assert [(d["field"], d["type"], d["role"]) for d in version.declarations] == [
        ("coordination", "PERSON", "Practice pharmacist")
    ]
    assert "Okafor" in version.declarations[0]["text"]


def test_a_patients_name_with_a_title_cannot_be_declared_a_colleagues(enrolment, learner_client):
    data = {
        **CASE_STUDY,
        "coordination": "I visited Mrs Margaret Thompson at home.",
        "confidentiality_declaration": "on",
        role_field_name("Mrs Margaret Thompson"): "Colleague",
        role_field_name("Margaret Thompson"): "Colleague",
    }
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), data)
    assert response.status_code == 200
    assert "cannot be confirmed as a colleague" in response.content.decode()
    assert not Entry.objects.exists()


def test_evidence_wording_is_checked_too(enrolment, learner, learner_client, criteria):
    entry = add_case_study(enrolment, learner)
    criterion = criteria[0]
    response = learner_client.post(
        url("entry_evidence", enrolment.uuid, entry.uuid),
        {f"criterion_{criterion.pk}": "on", f"how_{criterion.pk}": "I rang them on 07700 900123 to agree the plan."},
    )
    assert response.status_code == 200 and "Remove it before saving" in response.content.decode()
    assert not EvidenceLink.objects.exists()


def test_the_worksheet_is_checked_too(enrolment, learner_client):
    response = learner_client.post(
        url("values_worksheet", enrolment.uuid), {"value_1_what": "They live at B15 2TT.", "seen_version": 0}
    )
    assert response.status_code == 200 and not Entry.objects.exists()


def test_the_text_of_an_uploaded_certificate_is_checked(enrolment, learner, learner_client):
    training = add_case_study(enrolment, learner)  # any entry of the portfolio; the kind is what matters below
    training.kind = Entry.Kind.TRAINING_RECORD
    training.save(update_fields=["kind"])
    document = SimpleUploadedFile("certificate.pdf", pdf_with_text(f"Patient NHS number {NHS_NUMBER}"))
    response = learner_client.post(url("entry_attachments", enrolment.uuid, training.uuid), {"file": document})
    assert response.status_code == 200 and "Remove it before saving" in response.content.decode()
    assert not Attachment.objects.exists()


def test_every_free_text_field_has_the_live_check(enrolment, learner, learner_client):
    entry = add_case_study(enrolment, learner)
    check = f'data-confidentiality-check="{reverse("confidentiality:check")}"'
    for page, fields in (
        # The new entry form also says how it shows each criterion ticked (issue 13).
        (url("new_entry", enrolment.uuid, "case-studies"), 4 + enrolment.cohort.programme.criteria.count()),
        (url("edit_entry", enrolment.uuid, entry.uuid), 4),
        (url("values_worksheet", enrolment.uuid), 3 * enrolment.cohort.programme.values.count()),
        (url("entry_evidence", enrolment.uuid, entry.uuid), enrolment.cohort.programme.criteria.count()),
        (url("workshop_note", enrolment.uuid, 1), 1),
        (url("accredited_training", enrolment.uuid), 1),
    ):
        assert learner_client.get(page).content.decode().count(check) == fields, page
