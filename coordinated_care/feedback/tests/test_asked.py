"""Feedback asked of the workplace supervisor (issue 12, item 10): the learner addresses a staff or
key-person link to the supervisor their enrolment names; it is e-mailed to them and waits on their
home, where only they answer it signed in, while it is open, with the public form's questions and
guard; the answer is recorded as a link's is and reaches the ongoing feedback section."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import client_as
from coordinated_care.accounts.models import Role
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory
from coordinated_care.feedback import services
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse

ANSWERS = {"their_role": "Practice manager", "input": "Led the team huddle and followed up the actions."}


@pytest.fixture
def asked(issue):
    return issue(FeedbackRequest.Audience.STAFF, to_supervisor=True).request


def _ask_url(feedback_request):
    return reverse("feedback:asked", args=[feedback_request.uuid])


def test_the_request_form_offers_the_supervisor_by_name_only_to_the_learner_for_a_colleague(
    signed_in, learner, facilitator, enrolment
):
    page = signed_in(learner).get(reverse("feedback:new_request", args=[enrolment.uuid, "staff"])).content.decode()
    assert "Ask my workplace supervisor (Test Supervisor)" in page
    patient = signed_in(learner).get(reverse("feedback:new_request", args=[enrolment.uuid, "patient"]))
    assert "Ask my workplace supervisor" not in patient.content.decode()
    theirs = signed_in(facilitator).get(reverse("feedback:new_request", args=[enrolment.uuid, "key-person"]))
    assert "Ask my workplace supervisor" not in theirs.content.decode()


def test_no_supervisor_no_option(signed_in, learner, enrolment):
    enrolment.supervisor = None
    enrolment.save()
    page = signed_in(learner).get(reverse("feedback:new_request", args=[enrolment.uuid, "staff"])).content.decode()
    assert "Ask my workplace supervisor" not in page
    with pytest.raises(ValidationError):
        services.create_requests(enrolment=enrolment, audience="staff", user=learner, to_supervisor=True)


def test_choosing_the_supervisor_addresses_the_request_and_emails_their_account_address(
    signed_in, learner, supervisor, enrolment, django_capture_on_commit_callbacks
):
    data = {"learner_name": "Sam", "layout": "card", "valid_days": "30", "to_supervisor": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        page = signed_in(learner).post(reverse("feedback:new_request", args=[enrolment.uuid, "staff"]), data)
    assert "your workplace supervisor, Test Supervisor" in page.content.decode()
    feedback_request = FeedbackRequest.objects.get()
    assert feedback_request.addressed_to == supervisor and feedback_request.emailed
    [message] = mail.outbox
    assert message.to == [supervisor.email]
    assert "/feedback/f/" in message.body and "Waiting for you" in message.body


def test_an_address_typed_as_well_as_the_supervisor_is_refused(signed_in, learner, enrolment):
    data = {"learner_name": "Sam", "layout": "card", "valid_days": "30", "to_supervisor": "on"}
    data["email"] = "nurse@practice.example"
    page = signed_in(learner).post(reverse("feedback:new_request", args=[enrolment.uuid, "staff"]), data)
    assert "Leave the e-mail address empty" in page.content.decode()
    assert not FeedbackRequest.objects.exists()


def test_a_patients_card_cannot_be_addressed(learner, enrolment):
    with pytest.raises(ValidationError):
        services.create_requests(enrolment=enrolment, audience="patient", user=learner, to_supervisor=True)


def test_asked_of_lists_open_unexpired_requests_addressed_to_the_supervisor_only(
    asked, issue, supervisor, enrolment, learner
):
    issue(FeedbackRequest.Audience.STAFF)  # not addressed to anyone
    assert services.asked_of(supervisor) == [asked]
    another = RoleAssignmentFactory(role=Role.SUPERVISOR, organisation=enrolment.practice).user
    assert services.asked_of(another) == []
    assert services.asked_of(learner) == []


def test_a_used_withdrawn_or_expired_request_is_no_longer_listed(asked, issue, supervisor, learner):
    services.submit_response(asked, answers=ANSWERS)
    assert services.asked_of(supervisor) == []
    withdrawn = issue(FeedbackRequest.Audience.STAFF, to_supervisor=True).request
    services.withdraw(withdrawn, user=learner)
    assert services.asked_of(supervisor) == []
    expired = issue(FeedbackRequest.Audience.KEY_PERSON, to_supervisor=True).request
    FeedbackRequest.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    assert services.asked_of(supervisor) == []


def test_a_supervisor_no_longer_named_is_no_longer_asked(asked, supervisor, enrolment, signed_in):
    another = RoleAssignmentFactory(role=Role.SUPERVISOR, organisation=enrolment.practice).user
    enrolment.supervisor = another
    enrolment.save()
    assert services.asked_of(supervisor) == []
    assert services.asked_of(another) == []
    assert signed_in(supervisor).get(_ask_url(asked)).status_code == 404


def test_the_addressed_supervisor_answers_signed_in_and_the_request_is_used(asked, supervisor, signed_in, enrolment):
    client = signed_in(supervisor)
    page = client.get(_ask_url(asked))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Test Learner asked for your feedback on" in html and 'name="their_role"' in html
    assert 'name="website"' not in html  # signed in: no spam traps
    response = client.post(_ask_url(asked), ANSWERS)
    assert response.status_code == 302 and response["Location"] == reverse("supervisor_home")
    asked.refresh_from_db()
    assert asked.state == FeedbackRequest.State.USED
    [answer] = FeedbackResponse.objects.all()
    assert (answer.enrolment, answer.audience, answer.source) == (enrolment, "staff", "online")
    assert answer.their_role == "Practice manager" and answer.received_at is not None
    # Once used, the page is gone.
    assert client.get(_ask_url(asked)).status_code == 404


def test_the_answers_pass_the_public_forms_validation_and_guard(asked, supervisor, signed_in):
    client = signed_in(supervisor)
    empty = client.post(_ask_url(asked), {"their_role": "", "input": ""}).content.decode()
    assert "Enter your role" in empty
    blocked = client.post(_ask_url(asked), {**ANSWERS, "input": "Her NHS number is 943 476 5919."})
    assert blocked.status_code == 200
    assert not FeedbackResponse.objects.exists()


@pytest.mark.parametrize("persona", ["learner", "other_learner", "unassigned_facilitator", "facilitator"])
def test_everyone_else_is_told_it_does_not_exist(persona, asked, request):
    client = client_as(request, persona)
    assert client.get(_ask_url(asked)).status_code == 404
    assert client.post(_ask_url(asked), ANSWERS).status_code == 404
    assert not FeedbackResponse.objects.exists()


def test_another_supervisor_and_an_anonymous_visitor_are_refused(asked, enrolment, signed_in, client):
    assert client.get(_ask_url(asked)).status_code == 302  # sent to sign in
    another = RoleAssignmentFactory(role=Role.SUPERVISOR, organisation=enrolment.practice).user
    assert signed_in(another).post(_ask_url(asked), ANSWERS).status_code == 404
    assert not FeedbackResponse.objects.exists()


def test_a_request_not_addressed_to_anyone_has_no_signed_in_page(issue, supervisor, signed_in):
    plain = issue(FeedbackRequest.Audience.STAFF).request
    assert signed_in(supervisor).get(_ask_url(plain)).status_code == 404


def test_the_service_refuses_anyone_but_the_addressed_supervisor(asked, learner):
    with pytest.raises(PermissionDenied):
        services.answer_asked(asked, user=learner, answers=ANSWERS)


def test_the_answer_is_in_the_ongoing_feedback_section_like_a_link_answer(
    asked, supervisor, signed_in, learner, enrolment
):
    signed_in(supervisor).post(_ask_url(asked), ANSWERS)
    page = signed_in(learner).get(reverse("portfolios:section", args=[enrolment.uuid, "staff-feedback"]))
    html = page.content.decode()
    assert "Practice manager" in html and "Led the team huddle and followed up the actions." in html


def test_the_supervisors_data_holds_what_was_asked_of_them_and_erasing_them_withdraws_it(asked, supervisor):
    from coordinated_care.feedback.personal_data import erase, export

    [requests, *_] = export(supervisor)
    assert [row["reference"] for row in requests.rows] == [asked.uuid]
    erase(supervisor, "Former supervisor")
    asked.refresh_from_db()
    assert asked.state == FeedbackRequest.State.WITHDRAWN
    assert services.asked_of(supervisor) == []
