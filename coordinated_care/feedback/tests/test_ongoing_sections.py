"""Issue 12, item 8: what staff and key people send through a link reaches the portfolio's
"Ongoing feedback" sections, with its date and time, on the page and in the portfolio PDF."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_as
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse
from coordinated_care.reports.document.gather import _feedback

from .conftest import answer

SENT_AT = datetime.datetime(2027, 3, 3, 14, 5, tzinfo=datetime.UTC)


def section_url(enrolment, slug):
    return reverse("portfolios:section", args=[enrolment.uuid, slug])


@pytest.fixture
def sent(client, issue, monkeypatch):
    """A member of staff and a key person have each answered their link, at 14:05 UTC."""
    monkeypatch.setattr(timezone, "now", lambda: SENT_AT)
    answer(
        client,
        issue(FeedbackRequest.Audience.STAFF).token,
        {"their_role": "Practice nurse", "input": "Ran the huddle."},
    )
    answer(
        client,
        issue(FeedbackRequest.Audience.KEY_PERSON).token,
        {"their_role": "Carer support worker", "input": "Kept us informed."},
    )
    monkeypatch.undo()
    assert FeedbackResponse.objects.count() == 2


def test_staff_feedback_by_link_is_in_the_staff_section_with_its_date_and_time(sent, enrolment, signed_in, learner):
    page = signed_in(learner).get(section_url(enrolment, "staff-feedback")).content.decode()
    assert "There is nothing here yet" not in page
    assert "Practice nurse" in page and "Ran the huddle." in page
    local = timezone.localtime(SENT_AT)
    assert f"3 March 2027 at {local.hour % 12 or 12}:05{'am' if local.hour < 12 else 'pm'}" in page
    assert "Carer support worker" not in page


def test_key_people_feedback_is_in_its_own_section(sent, enrolment, signed_in, facilitator):
    page = signed_in(facilitator).get(section_url(enrolment, "key-people-feedback")).content.decode()
    assert "Carer support worker" in page and "Kept us informed." in page
    assert "Practice nurse" not in page


def test_other_sections_still_say_when_they_are_empty(sent, enrolment, signed_in, learner):
    page = signed_in(learner).get(section_url(enrolment, "reflections")).content.decode()
    assert "There is nothing here yet" in page
    assert "Practice nurse" not in page


@pytest.mark.parametrize("persona", ["other_learner", "unassigned_facilitator", "anonymous"])
def test_an_outsider_never_sees_the_section_or_its_feedback(persona, sent, enrolment, request):
    response = client_as(request, persona).get(section_url(enrolment, "staff-feedback"))
    assert response.status_code in (302, 404)
    assert b"Practice nurse" not in response.content


def test_the_portfolio_pdf_gives_the_date_and_time_of_feedback_by_link(sent, enrolment):
    rows = _feedback(enrolment)["by_audience"]
    assert [row["their_role"] for row in rows["staff"]] == ["Practice nurse"]
    assert rows["staff"][0]["date"].startswith("3 March 2027 at ")
    assert rows["key_person"][0]["input"] == "Kept us informed."


def test_the_overview_counts_feedback_by_link_in_the_ongoing_sections(sent, enrolment, signed_in, learner):
    page = signed_in(learner).get(reverse("portfolios:overview", args=[enrolment.uuid])).content.decode()
    staff = page.split("Ongoing feedback from staff in practice</a>", 1)[1].split("</li>", 1)[0]
    assert "1 sent by a feedback link or on paper" in staff
    assert "None yet" not in staff
