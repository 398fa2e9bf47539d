"""Asking for feedback: cards and sheets with a QR code, shown once; e-mail for colleagues."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from coordinated_care.feedback import services
from coordinated_care.feedback.models import FeedbackRequest
from coordinated_care.feedback.qr import qr_data_uri

from .conftest import assert_well_formed
from .test_links import every_stored_value

CARDS = {"learner_name": "Sam", "count": "3", "layout": "card", "valid_days": "14"}


def test_the_learner_prints_cards_with_qr_codes(signed_in, learner, enrolment):
    page = signed_in(learner).post(reverse("feedback:new_request", args=[enrolment.uuid, "patient"]), CARDS)
    assert page.status_code == 200
    html = page.content.decode()
    assert_well_formed(html)
    assert html.count('src="data:image/svg+xml') == 3
    assert html.count("app-feedback-card--card") == 3
    assert "Tell us about Sam, care coordinator" in html
    assert page["Cache-Control"] == "no-store"
    requests = FeedbackRequest.objects.all()
    assert [(r.audience, r.learner_name, r.valid_days, r.created_by) for r in requests] == [
        ("patient", "Sam", 14, learner)
    ] * 3
    # Each card's link opens its own form.
    urls = sorted(set(u for u in html.split('app-feedback-card__url app-feedback-url">')[1:]))
    assert len(urls) == 3


def test_the_facilitator_can_make_an_a4_sheet_for_a_colleague(signed_in, facilitator, enrolment):
    data = {"learner_name": "Test", "layout": "sheet", "valid_days": "30"}
    html = (
        signed_in(facilitator)
        .post(reverse("feedback:new_request", args=[enrolment.uuid, "staff"]), data)
        .content.decode()
    )
    assert html.count("app-feedback-card--sheet") == 1
    assert FeedbackRequest.objects.get().created_by == facilitator


def test_a_colleague_can_be_sent_the_link_and_the_address_is_not_kept(
    signed_in, learner, enrolment, django_capture_on_commit_callbacks
):
    data = {"learner_name": "Test", "layout": "card", "valid_days": "30", "email": "nurse@practice.example"}
    with django_capture_on_commit_callbacks(execute=True):
        page = signed_in(learner).post(reverse("feedback:new_request", args=[enrolment.uuid, "staff"]), data)
    assert "We are e-mailing the link to nurse@practice.example" in page.content.decode()
    [message] = mail.outbox
    assert message.to == ["nurse@practice.example"]
    assert "/feedback/f/" in message.body and "Test, care coordinator" in message.subject
    assert FeedbackRequest.objects.get().emailed
    assert "nurse@practice.example" not in every_stored_value()


def test_patients_are_never_asked_for_an_email_address(signed_in, learner, enrolment):
    html = signed_in(learner).get(reverse("feedback:new_request", args=[enrolment.uuid, "patient"])).content.decode()
    assert 'name="email"' not in html
    assert_well_formed(html)


def test_an_unknown_audience_is_not_found(signed_in, learner, enrolment):
    assert signed_in(learner).get(reverse("feedback:new_request", args=[enrolment.uuid, "nobody"])).status_code == 404


def test_only_the_learner_and_facilitator_ask_and_only_while_in_progress(enrolment, learner, supervisor):
    with pytest.raises(PermissionDenied):
        services.create_requests(enrolment=enrolment, audience="patient", user=supervisor)
    enrolment.status = enrolment.Status.COMPLETED
    enrolment.save()
    with pytest.raises(PermissionDenied):
        services.create_requests(enrolment=enrolment, audience="patient", user=learner)


def test_the_requests_page_lists_links_without_their_tokens(signed_in, learner, enrolment, issue):
    open_link, used_link = issue(), issue()
    services.submit_response(used_link.request, answers={"respondent": "patient"})
    html = signed_in(learner).get(reverse("feedback:requests", args=[enrolment.uuid])).content.decode()
    assert_well_formed(html)
    assert open_link.token not in html and used_link.token not in html
    assert "Waiting for an answer" in html and "Used or withdrawn" in html


def test_the_qr_code_is_an_svg_data_uri():
    uri = qr_data_uri("https://example.test/feedback/f/" + "a" * 43 + "/")
    assert uri.startswith("data:image/svg+xml")
