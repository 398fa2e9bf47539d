"""Paper forms typed in by the learner and countersigned by their facilitator."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from coordinated_care.confidentiality.forms import role_field_name
from coordinated_care.feedback import services
from coordinated_care.feedback.models import Countersignature, FeedbackResponse

PAPER = {
    "received_day": "14",
    "received_month": "2",
    "received_year": "2025",
    "respondent": "carer",
    "needs": "4",
    "choice": "3",
    "talked": "5",
    "respect": "5",
    "feelings": "2",
    "did_well": "Sorted out the transport.",
    "do_differently": "",
}


@pytest.fixture
def transcription(signed_in, learner, enrolment):
    response = signed_in(learner).post(reverse("feedback:paper", args=[enrolment.uuid, "patient"]), PAPER)
    assert response.status_code == 302, response.content.decode()[:2000]
    return FeedbackResponse.objects.get()


def test_the_learner_types_in_a_paper_form(transcription, learner):
    assert transcription.source == FeedbackResponse.Source.PAPER
    assert transcription.transcribed_by == learner
    assert transcription.received_on == datetime.date(2025, 2, 14)
    assert (transcription.respondent, transcription.feelings) == ("carer", 2)


def test_a_paper_form_needs_a_real_past_date(signed_in, learner, enrolment):
    future = datetime.date.today() + datetime.timedelta(days=3)
    for day, month, year, message in (
        ("", "2", "2025", "including a day, month and year"),
        ("31", "2", "2025", "must be a real date"),
        (str(future.day), str(future.month), str(future.year), "today or in the past"),
    ):
        data = {**PAPER, "received_day": day, "received_month": month, "received_year": year}
        page = signed_in(learner).post(reverse("feedback:paper", args=[enrolment.uuid, "patient"]), data)
        assert message in page.content.decode()
    assert FeedbackResponse.objects.count() == 0


def test_the_facilitator_countersigns_with_their_password(signed_in, facilitator, enrolment, transcription):
    url = reverse("feedback:countersign", args=[enrolment.uuid, transcription.uuid])
    client = signed_in(facilitator)
    wrong = client.post(url, {"checked": "on", "password": "not-my-password"})
    assert "The password is not right" in wrong.content.decode()
    assert Countersignature.objects.count() == 0
    assert client.post(url, {"checked": "on", "password": "correct-horse-battery"}).status_code == 302
    signature = Countersignature.objects.get()
    assert (signature.signer, signature.role, signature.meaning) == (
        facilitator,
        "Practice-based facilitator",
        "countersigned transcription",
    )
    assert signature.signed_at.utcoffset() == datetime.timedelta(0)
    assert signature.content_hash == services.answers_hash(transcription)
    page = client.get(reverse("feedback:response", args=[enrolment.uuid, transcription.uuid])).content.decode()
    assert "Countersigned transcription by Assigned Facilitator" in page
    # Once only.
    assert client.get(url).status_code == 403
    with pytest.raises(ValidationError):
        services.countersign(transcription, user=facilitator)


def test_countersigning_attempts_are_limited(signed_in, facilitator, enrolment, transcription, settings):
    settings.FEEDBACK_RATE_LIMITS = {**settings.FEEDBACK_RATE_LIMITS, "countersign": (2, 900)}
    url = reverse("feedback:countersign", args=[enrolment.uuid, transcription.uuid])
    client = signed_in(facilitator)
    for _ in range(2):
        client.post(url, {"checked": "on", "password": "guess"})
    page = client.post(url, {"checked": "on", "password": "correct-horse-battery"})
    assert "Too many attempts" in page.content.decode()
    assert Countersignature.objects.count() == 0


def test_the_answers_hash_to_the_same_digest_as_ever():
    # Pinned before the hashing moved to core.canonical: countersignatures made before still verify.
    response = FeedbackResponse(
        audience="patient",
        received_on=datetime.date(2027, 3, 3),
        respondent="carer",
        needs=5,
        choice=4,
        did_well="Sorted out the café transport – thank you",
    )
    assert services.answers_hash(response) == "c7d70d9397919a53fd08eb793b294d5e5dea8222bc5b1c44697bd2f2dd2e9870"


def test_only_the_assigned_facilitator_countersigns(transcription, learner, supervisor, unassigned_facilitator):
    for person in (learner, supervisor, unassigned_facilitator):
        with pytest.raises(PermissionDenied):
            services.countersign(transcription, user=person)


def test_online_feedback_is_not_countersigned(enrolment, facilitator):
    from .conftest import make_response

    with pytest.raises(PermissionDenied):
        services.countersign(make_response(enrolment), user=facilitator)


def test_a_transcription_can_be_removed_until_it_is_countersigned(transcription, learner, facilitator):
    services.countersign(transcription, user=facilitator)
    with pytest.raises(ValidationError):
        services.delete_transcription(transcription, user=learner)
    assert FeedbackResponse.objects.count() == 1


def test_a_mistyped_transcription_can_be_removed(signed_in, learner, enrolment, transcription):
    url = reverse("feedback:remove", args=[enrolment.uuid, transcription.uuid])
    assert signed_in(learner).post(url).status_code == 302
    assert FeedbackResponse.objects.count() == 0


def test_a_typed_in_name_must_be_declared_a_colleagues(signed_in, learner, enrolment):
    url = reverse("feedback:paper", args=[enrolment.uuid, "staff"])
    data = {
        "received_day": "1",
        "received_month": "3",
        "received_year": "2025",
        "their_role": "Practice nurse",
        "input": "Shadowed Priya Patel on the frailty ward round.",
        "given_name": "",
    }
    page = signed_in(learner).post(url, data)
    assert page.status_code == 200
    assert FeedbackResponse.objects.count() == 0
    html = page.content.decode()
    role = role_field_name("Priya Patel")
    assert 'name="confidentiality_declaration"' in html and f'name="{role}"' in html
    # The tick alone is not enough: the colleague's role comes with it.
    page = signed_in(learner).post(url, {**data, "confidentiality_declaration": "on"})
    assert page.status_code == 200 and "Enter the role of “Priya Patel”" in page.content.decode()
    assert signed_in(learner).post(url, {**data, "confidentiality_declaration": "on", role: "GP"}).status_code == 302
    assert FeedbackResponse.objects.count() == 1


def test_an_identifier_cannot_be_typed_in(signed_in, learner, enrolment):
    data = {**PAPER, "did_well": "Called me on 07700 900123 and visited 12 High Street, B1 1AA."}
    page = signed_in(learner).post(reverse("feedback:paper", args=[enrolment.uuid, "patient"]), data)
    assert page.status_code == 200
    assert "phone number" in page.content.decode()
    assert FeedbackResponse.objects.count() == 0
