"""What the learner and their supporters see: each response, a summary per question as a chart
and a table, dates by the day, in a fixed number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordinated_care.feedback import presenters, services
from coordinated_care.feedback.models import FeedbackRequest

from .conftest import assert_well_formed, make_response


def test_summary_counts_each_answer_on_the_scale(enrolment, other_enrolment):
    make_response(enrolment, needs=5, choice=5, respondent="patient")
    make_response(enrolment, needs=5, choice=1, respondent="carer")
    make_response(enrolment, needs=3, choice=None, respondent="patient")
    make_response(enrolment, audience=FeedbackRequest.Audience.STAFF)  # not on the patient form
    make_response(other_enrolment, needs=1)  # another portfolio
    summary = presenters.summary(enrolment)
    assert (summary.total, summary.patients, summary.carers) == (3, 2, 1)
    needs, choice = summary.questions[0], summary.questions[1]
    assert [(c.label, c.count, c.percent) for c in needs.counts] == [
        ("Very happy", 2, 67),
        ("Happy", 0, 0),
        ("I am unsure", 1, 33),
        ("Unhappy", 0, 0),
        ("Very unhappy", 0, 0),
    ]
    assert [c.count for c in choice.counts] == [1, 0, 0, 0, 1]
    assert choice.answered == 2


def test_the_page_shows_the_summary_as_a_chart_and_a_table(signed_in, learner, enrolment):
    make_response(enrolment, needs=5)
    make_response(enrolment, needs=4)
    html = signed_in(learner).get(reverse("feedback:overview", args=[enrolment.uuid])).content.decode()
    assert_well_formed(html)
    assert "app-feedback-chart__bar--50" in html  # half the answers were "very happy"
    assert '<span class="app-feedback-chart__count">1</span>' in html  # the count is text, not only a bar
    assert 'aria-hidden="true"><span class="app-feedback-chart__bar' in html
    assert (
        "<table" in html and '<th scope="row" class="nhsuk-table__header">Understood your individual needs</th>' in html
    )


def test_responses_are_dated_by_the_day_only(signed_in, learner, enrolment):
    response = make_response(enrolment, received_on=datetime.date(2027, 3, 3))
    html = signed_in(learner).get(reverse("feedback:response", args=[enrolment.uuid, response.uuid])).content.decode()
    assert "3 March 2027" in html
    assert_well_formed(html)
    field = type(response)._meta.get_field("received_on")
    assert field.get_internal_type() == "DateField"
    # The only time kept is that of staff and key people's answers (the PD's "Date/time"), never a patient's.
    datetime_fields = [f.name for f in type(response)._meta.concrete_fields if f.get_internal_type() == "DateTimeField"]
    assert datetime_fields == ["received_at"]
    assert response.received_at is None


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_overview_takes_the_same_queries_for_any_number_of_responses(signed_in, learner, facilitator, enrolment):
    criteria = list(enrolment.cohort.programme.criteria.all()[:2])
    url = reverse("feedback:overview", args=[enrolment.uuid])

    def add(n):
        for i in range(n):
            response = make_response(enrolment, needs=1 + i % 5)
            for criterion in criteria:
                services.link_evidence(response, criterion=criterion, how_it_shows="Shows it.", user=learner)
            make_response(enrolment, audience=FeedbackRequest.Audience.STAFF)
        services.transcribe(
            enrolment=enrolment,
            audience="patient",
            answers={"respondent": "carer"},
            received_on=datetime.date(2025, 1, 1),
            user=learner,
        )

    for person in (learner, facilitator):
        client = signed_in(person)
        add(2)
        few = _queries(client, url)
        add(10)
        many = _queries(client, url)
        assert few == many, f"{few} queries for a few responses, {many} for many"


def test_the_requests_page_takes_the_same_queries_for_any_number_of_links(signed_in, learner, enrolment, issue):
    url = reverse("feedback:requests", args=[enrolment.uuid])
    client = signed_in(learner)
    issue()
    few = _queries(client, url)
    for _ in range(8):
        issue()
    assert _queries(client, url) == few
