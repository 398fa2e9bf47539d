"""The facilitator and the care coordinator sign the patient feedback summary, not the answers
(issue 12, item 9): the same electronic signature as sign-offs, bound to the summary's hash, shown
as changed since signed when a response comes in afterwards, and signed again."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import PASSWORD
from coordinated_care.assessments.models import Capacity, ImmutableRecord, Meaning, Signature, SignedFeedbackSummary
from coordinated_care.assessments.services import feedback_summaries as signing
from coordinated_care.assessments.services.signing import ReauthenticationFailed, check_integrity
from coordinated_care.audit.models import AuditEvent
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse
from coordinated_care.reports.feedback_summary.summaries import period_text, summary_data


def respond(enrolment, day=3, **fields):
    values = {"respondent": "patient", "needs": 5, "choice": 4, "talked": 5, "respect": 5, "feelings": 3}
    values.update(fields)
    return FeedbackResponse.objects.create(
        enrolment=enrolment,
        audience=FeedbackRequest.Audience.PATIENT,
        received_on=datetime.date(2027, 3, day),
        source=FeedbackResponse.Source.ONLINE,
        did_well="Listened carefully.",
        **values,
    )


def sign(enrolment, user, summary=None, password=PASSWORD):
    summary = summary or summary_data(enrolment)
    return signing.sign_summary(
        enrolment, user=user, password=password, summary=summary, seen_hash=signing.summary_hash(summary)
    )


def test_the_summary_is_counts_and_a_period_with_no_answer_in_it(enrolment, other_enrolment):
    respond(enrolment, day=3, needs=5)
    respond(enrolment, day=9, needs=3, respondent="carer")
    respond(other_enrolment, needs=1)
    data = summary_data(enrolment)
    assert (data["responses"], data["patients"], data["carers"]) == (2, 1, 1)
    assert data["questions"][0]["counts"][0] == {"label": "Very happy", "count": 1}
    assert "Listened" not in json.dumps(data)
    assert period_text(data) == "from 3 March 2027 to 9 March 2027"


def test_the_facilitator_and_the_learner_each_sign_the_summary(enrolment, learner, facilitator):
    respond(enrolment)
    by_facilitator = sign(enrolment, facilitator)
    by_learner = sign(enrolment, learner)
    assert by_facilitator.capacity == Capacity.FACILITATOR and by_learner.capacity == Capacity.LEARNER
    assert by_facilitator.meaning == by_learner.meaning == Meaning.FEEDBACK_SUMMARY_SIGNED
    assert by_facilitator.feedback_summary == by_learner.feedback_summary  # one summary, kept once
    assert SignedFeedbackSummary.objects.count() == 1
    assert check_integrity(by_learner).intact
    payload = json.loads(by_learner.payload)
    assert payload["subject"]["summary"]["responses"] == 1
    found = signing.summary_signatures(enrolment, signing.summary_hash(summary_data(enrolment)))
    assert found[Capacity.FACILITATOR].standing and found[Capacity.LEARNER].standing
    assert AuditEvent.objects.filter(content_type__model="signature", object_id=str(by_learner.pk)).exists()
    assert AuditEvent.objects.filter(content_type__model="signedfeedbacksummary").exists()
    with pytest.raises(ValidationError):
        sign(enrolment, learner)  # once is enough


def test_a_new_response_after_signing_shows_changed_and_may_be_signed_again(enrolment, learner, facilitator):
    respond(enrolment)
    sign(enrolment, facilitator)
    respond(enrolment, day=5)
    now = summary_data(enrolment)
    found = signing.summary_signatures(enrolment, signing.summary_hash(now))
    assert found[Capacity.FACILITATOR].changed and not found[Capacity.FACILITATOR].standing
    assert signing.may_sign_now(facilitator, enrolment, now, found)
    again = sign(enrolment, facilitator)
    found = signing.summary_signatures(enrolment, signing.summary_hash(now))
    assert found[Capacity.FACILITATOR].signature == again and found[Capacity.FACILITATOR].standing


def test_a_summary_read_before_a_response_came_in_is_refused(enrolment, facilitator):
    respond(enrolment)
    seen = signing.summary_hash(summary_data(enrolment))
    respond(enrolment, day=6)
    with pytest.raises(signing.SummaryMoved):
        signing.sign_summary(
            enrolment, user=facilitator, password=PASSWORD, summary=summary_data(enrolment), seen_hash=seen
        )
    assert not Signature.objects.filter(feedback_summary__isnull=False).exists()


def test_the_password_is_required_and_nothing_without_feedback(enrolment, facilitator):
    with pytest.raises(ValidationError):
        sign(enrolment, facilitator)  # no feedback yet
    respond(enrolment)
    with pytest.raises(ReauthenticationFailed):
        sign(enrolment, facilitator, password="not it")


@pytest.mark.parametrize("who", ["other_learner", "unassigned_facilitator", "supervisor", "employer"])
def test_no_one_else_signs(request, enrolment, who):
    respond(enrolment)
    with pytest.raises(PermissionDenied):
        sign(enrolment, request.getfixturevalue(who))


def test_the_signed_summary_is_never_edited(enrolment, facilitator):
    respond(enrolment)
    signed = sign(enrolment, facilitator).feedback_summary
    signed.responses = 9
    with pytest.raises(ImmutableRecord):
        signed.save()


# The page ----------------------------------------------------------------------------------------


def url(enrolment):
    return reverse("feedback_summary", args=[enrolment.uuid])


def test_the_page_signs_for_the_facilitator_then_the_learner(signed_in, enrolment, learner, facilitator):
    respond(enrolment)
    client = signed_in(facilitator)
    page = client.get(url(enrolment)).content.decode()
    assert "Sign the summary" in page and "Not signed yet" in page
    digest = signing.summary_hash(summary_data(enrolment))
    response = client.post(url(enrolment), {"password": PASSWORD, "summary_hash": digest})
    assert response.status_code == 302
    page = client.get(url(enrolment)).content.decode()
    assert facilitator.display_name in page and "Sign the summary" not in page
    client = signed_in(learner)
    assert client.post(url(enrolment), {"password": "wrong", "summary_hash": digest}).status_code == 400
    assert client.post(url(enrolment), {"password": PASSWORD, "summary_hash": digest}).status_code == 302
    respond(enrolment, day=8)
    page = client.get(url(enrolment)).content.decode()
    assert page.count("Changed since signed") == 2 and "1 response then, 2 now" in page


@pytest.mark.parametrize("who", ["other_learner", "unassigned_facilitator", "employer"])
def test_outsiders_are_refused(signed_in, enrolment, who, request):
    respond(enrolment)
    client = signed_in(request.getfixturevalue(who))
    assert client.get(url(enrolment)).status_code in (403, 404)
    digest = signing.summary_hash(summary_data(enrolment))
    assert client.post(url(enrolment), {"password": PASSWORD, "summary_hash": digest}).status_code in (403, 404)
    assert not Signature.objects.filter(feedback_summary__isnull=False).exists()


def test_anonymous_is_sent_to_sign_in(client, enrolment):
    assert client.get(url(enrolment)).status_code == 302


def test_the_supervisor_reads_but_does_not_sign(signed_in, enrolment, supervisor):
    respond(enrolment)
    client = signed_in(supervisor)
    page = client.get(url(enrolment))
    assert page.status_code == 200 and "Sign the summary" not in page.content.decode()
    digest = signing.summary_hash(summary_data(enrolment))
    assert client.post(url(enrolment), {"password": PASSWORD, "summary_hash": digest}).status_code == 403


# The portfolio PDF -------------------------------------------------------------------------------


def test_the_pdf_prints_both_signatures_under_the_summary_and_flags_new_feedback(enrolment, learner, facilitator):
    from django.utils import timezone

    from coordinated_care.reports.document import gather, pdf
    from coordinated_care.reports.tests.document.test_pdf import _load

    respond(enrolment)
    sign(enrolment, facilitator)
    boxes = gather.portfolio_document(_load(enrolment))["feedback"]["signatures"]
    assert [b["heading"] for b in boxes] == ["Practice-based facilitator’s signature", "Learner’s signature"]
    assert boxes[0]["signature"]["name"] == facilitator.display_name and not boxes[0]["signature"]["problems"]
    assert boxes[1]["signature"] is None
    sign(enrolment, learner)
    respond(enrolment, day=7)
    document = gather.portfolio_document(_load(enrolment))
    assert all(b["signature"]["problems"] for b in document["feedback"]["signatures"])
    html = pdf.render_html(document, code="AAAA-BBBB-CCCC", generated_at=timezone.now())
    assert "Signatures on the summary" in html and learner.display_name in html
    assert "1 response then, 2 now" in html


def test_the_page_costs_the_same_queries_however_much_feedback_and_signatures(
    signed_in, enrolment, learner, facilitator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    respond(enrolment)
    client = signed_in(learner)
    with CaptureQueriesContext(connection) as few:
        client.get(url(enrolment))
    sign(enrolment, facilitator)
    sign(enrolment, learner)
    for day in range(4, 10):
        respond(enrolment, day=day)
    sign(enrolment, facilitator)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(enrolment)).status_code == 200
    assert len(many) == len(few)
