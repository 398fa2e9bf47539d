"""The form a patient, carer, member of staff or key person fills in: no account, consent first,
the PD's questions, nothing kept about who they are, and protection against scripts."""

import logging
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse
from coordinated_care.feedback.questions import CONSENT_POINTS, QUESTIONS, SCALE

from .conftest import COLLEAGUE_ANSWERS, PATIENT_ANSWERS, answer, assert_well_formed, stamp_from


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_consent_comes_first_in_the_pds_words(client, issue):
    link = issue()
    page = client.get(reverse("feedback:respond", args=[link.token]))
    assert page.status_code == 200
    html = page.content.decode()
    assert_well_formed(html)
    for point in CONSENT_POINTS:
        assert point in html
    assert "Test, care coordinator" in html  # the learner's first name, nothing else from the portfolio
    assert "Test Learner" not in html
    assert 'name="needs"' not in html  # no question before consent
    assert "Sign in" not in html  # the public pages offer no way into the service
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


def test_declining_records_nothing_at_all(client, issue):
    link = issue()
    before = row_counts()
    response = client.post(reverse("feedback:respond", args=[link.token]), {"consent": "no"})
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:declined")
    assert row_counts() == before
    assert FeedbackRequest.objects.get().state == FeedbackRequest.State.OPEN
    page = client.get(response["Location"]).content.decode()
    assert "Nothing has been recorded" in page


def test_the_patient_form_asks_the_pds_questions_and_nothing_about_who_they_are(client, issue):
    link = issue()
    html = client.post(reverse("feedback:respond", args=[link.token]), {"consent": "yes"}).content.decode()
    assert_well_formed(html)
    form = html.split("<form", 1)[1].split("</form>", 1)[0]
    names = set(re.findall(r'name="([^"]+)"', form))
    assert names == {
        "csrfmiddlewaretoken",
        "started",
        "website",
        "respondent",
        *(q.field for q in QUESTIONS),
        "did_well",
        "do_differently",
    }
    for question in QUESTIONS:
        assert question.legend in html
    for _, label in SCALE:
        assert label in html
    assert html.count("<fieldset") == 1 + len(QUESTIONS)
    assert html.count('type="radio"') == 2 + len(QUESTIONS) * len(SCALE)


def test_a_patient_gives_feedback_once(client, issue):
    link = issue()
    response = answer(client, link.token)
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:thanks")
    saved = FeedbackResponse.objects.get()
    assert (saved.needs, saved.choice, saved.talked, saved.respect, saved.feelings) == (5, 4, 5, 5, 3)
    assert saved.respondent == "patient"
    assert saved.did_well == PATIENT_ANSWERS["did_well"]
    assert saved.received_on == timezone.localdate()
    assert saved.source == FeedbackResponse.Source.ONLINE
    assert FeedbackRequest.objects.get().state == FeedbackRequest.State.USED
    # The response does not say which link brought it.
    assert not any(f.related_model is FeedbackRequest for f in FeedbackResponse._meta.get_fields())


def test_missing_answers_are_asked_for_plainly(client, issue):
    link = issue()
    response = answer(client, link.token, {"respondent": "carer", "needs": "5"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_choice"' in html and 'id="id_choice"' in html  # the summary reaches the radios
    assert "Select how happy you were with the way the care coordinator explained the importance of choice?" in html
    assert FeedbackResponse.objects.count() == 0


def test_a_filled_honeypot_looks_like_success_but_keeps_nothing(client, issue):
    link = issue()
    response = answer(client, link.token, extra={"website": "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:thanks")
    assert FeedbackResponse.objects.count() == 0
    assert FeedbackRequest.objects.get().state == FeedbackRequest.State.OPEN


def test_a_form_sent_back_too_fast_is_not_taken(client, issue, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 60
    link = issue()
    response = answer(client, link.token)
    assert response.status_code == 200
    assert "select ‘Send feedback’ again" in response.content.decode()
    assert FeedbackResponse.objects.count() == 0


@pytest.mark.parametrize("started", ["", "forged", None])
def test_a_form_made_up_without_the_page_is_not_taken(client, issue, started):
    link = issue()
    other = issue()
    if started is None:  # a real stamp, but for another link
        html = client.post(reverse("feedback:respond", args=[other.token]), {"consent": "yes"}).content.decode()
        started = stamp_from(html)
    data = {**PATIENT_ANSWERS, "started": started, "website": ""}
    response = client.post(reverse("feedback:answer", args=[link.token]), data)
    assert response.status_code == 200
    assert FeedbackResponse.objects.count() == 0


def test_answers_cannot_be_sent_by_get(client, issue):
    link = issue()
    assert client.get(reverse("feedback:answer", args=[link.token])).status_code == 405


def test_a_member_of_staff_may_give_their_name(client, issue):
    link = issue(FeedbackRequest.Audience.STAFF)
    html = client.post(reverse("feedback:respond", args=[link.token]), {"consent": "yes"}).content.decode()
    assert 'name="given_name"' in html
    assert_well_formed(html)
    answer(client, link.token, {**COLLEAGUE_ANSWERS, "given_name": "Alex Nurse"})
    saved = FeedbackResponse.objects.get()
    assert (saved.audience, saved.their_role, saved.given_name) == ("staff", "Practice nurse", "Alex Nurse")
    assert saved.received_on == timezone.localdate()


def test_a_key_person_is_not_asked_for_a_name(client, issue):
    link = issue(FeedbackRequest.Audience.KEY_PERSON)
    html = client.post(reverse("feedback:respond", args=[link.token]), {"consent": "yes"}).content.decode()
    assert 'name="given_name"' not in html
    answer(client, link.token, {**COLLEAGUE_ANSWERS, "given_name": "Sneaked In"})
    assert FeedbackResponse.objects.get().given_name == ""


def test_the_learner_cannot_answer_their_own_link(signed_in, learner, issue):
    link = issue()
    page = signed_in(learner).get(reverse("feedback:respond", args=[link.token]))
    assert "This link is for someone else" in page.content.decode()
    assert FeedbackRequest.objects.get().state == FeedbackRequest.State.OPEN


def test_nothing_personal_is_logged(client, issue, caplog):
    link = issue()
    with caplog.at_level(logging.DEBUG):
        answer(client, link.token, REMOTE_ADDR="203.0.113.7")
        client.get(reverse("feedback:respond", args=[link.token]), REMOTE_ADDR="203.0.113.7")  # 410, not logged
        client.get(reverse("feedback:respond", args=["x" * 43]), REMOTE_ADDR="203.0.113.7")  # 404, not logged
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    for secret in (link.token, "203.0.113.7", PATIENT_ANSWERS["did_well"], PATIENT_ANSWERS["do_differently"]):
        assert secret not in logged


class TestTheConfidentialityGuard:
    def test_identifiers_are_refused_in_the_publics_words(self, client, issue):
        link = issue()
        response = answer(client, link.token, {**PATIENT_ANSWERS, "did_well": "Rang me on 07700 900123 every week."})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Please take out a phone number" in html
        assert "could identify you or anyone else" in html
        assert FeedbackResponse.objects.count() == 0

    def test_a_name_needs_a_tick_but_the_coordinators_own_does_not(self, client, issue):
        link = issue()
        response = answer(client, link.token, {**PATIENT_ANSWERS, "did_well": "She and Priya Shah helped a lot."})
        html = response.content.decode()
        assert "This looks like a name" in html and 'name="names_confirmed"' in html
        assert FeedbackResponse.objects.count() == 0
        # A relative's name is taken out whatever is ticked: no tick makes it a member of staff's.
        husband = {**PATIENT_ANSWERS, "did_well": "She helped my husband John a lot.", "names_confirmed": "on"}
        html = answer(client, link.token, husband).content.decode()
        assert "Please take out the name “John”" in html
        assert FeedbackResponse.objects.count() == 0
        answer(client, link.token, {**PATIENT_ANSWERS, "did_well": "Test was patient and kind."})
        assert FeedbackResponse.objects.count() == 1
