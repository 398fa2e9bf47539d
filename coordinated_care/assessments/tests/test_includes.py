"""The includes other apps' pages show: the criterion panel, the completion summary and the
caseload summary. Rendered as those pages will render them, with a fixed number of queries."""

from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.progress import portfolio_progress

from ..presenters import caseload_summary, completion_panel, criterion_panel
from .helpers import ask, criterion, decide, evidence


def render_panel(enrolment, code, user):
    request = RequestFactory().get("/")
    request.user = user
    context = {"assessment_panel": criterion_panel(enrolment, criterion(enrolment, code), user)}
    return render_to_string("assessments/_criterion_panel.jinja", context, request=request)


def test_the_learner_is_offered_to_ask_for_sign_off(enrolment, learner, facilitator):
    evidence(enrolment, learner)
    html = render_panel(enrolment, "PC1", learner)
    assert "Ask for sign-off" in html and "/assessments/" in html and "Not signed off" in html
    assert "Ask for sign-off" not in render_panel(enrolment, "PC1", facilitator)


def test_the_panel_shows_a_waiting_request(enrolment, learner, facilitator):
    ask(enrolment, learner)
    html = render_panel(enrolment, "PC1", learner)
    assert "Waiting for sign-off" in html and "You asked" in html and "Ask for sign-off" not in html


def test_the_panel_shows_the_decision_with_its_signature(enrolment, learner, facilitator):
    decide(ask(enrolment, learner), facilitator)
    html = render_panel(enrolment, "PC1", learner)
    assert "Signed off" in html
    assert "Assigned Facilitator" in html and "Practice-based facilitator" in html
    assert "UTC" in html and "Achieved" in html
    assert "Withdraw your signature" not in html  # only the signer sees it
    assert "Withdraw your signature" in render_panel(enrolment, "PC1", facilitator)


def test_changed_evidence_shows_on_the_panel_and_the_learner_may_ask_again(enrolment, learner, facilitator):
    entry = evidence(enrolment, learner)
    decide(ask(enrolment, learner, entries=[entry]), facilitator)
    portfolio.update_entry(entry, content={**entry.content, "outcomes": "Later"}, user=learner, seen_version=1)
    html = render_panel(enrolment, "PC1", learner)
    assert "Evidence changed since sign-off" in html
    assert "Changed since sign-off" in html  # the evidence item itself
    assert "Not carried over" in html
    assert "Ask for sign-off" in html


def test_the_panel_takes_a_fixed_number_of_queries(enrolment, learner, facilitator):
    entry = evidence(enrolment, learner)
    decide(ask(enrolment, learner, entries=[entry]), facilitator, "development_need")

    def count():
        with CaptureQueriesContext(connection) as captured:
            criterion_panel(enrolment, criterion(enrolment), learner)
        return len(captured)

    few = count()
    for n in range(3):
        more = [evidence(enrolment, learner, title=f"Evidence {n}.{m}") for m in range(3)]
        decide(ask(enrolment, learner, entries=more), facilitator, "development_need")
    assert count() == few <= 4


def test_progress_gets_sign_off_in_one_query_whatever_the_number_of_decisions(enrolment, learner, facilitator):
    def count():
        with CaptureQueriesContext(connection) as captured:
            portfolio_progress(enrolment)
        return len(captured)

    count()  # the portfolio's progress facts are stored (portfolios.facts)
    decide(ask(enrolment, learner, "PC1"), facilitator)
    few = count()  # and counted again after a change
    for code in ("PC2", "PC3", "PC4"):
        decide(ask(enrolment, learner, code), facilitator)
    ask(enrolment, learner, "PC5")
    assert count() == few


def test_the_completion_summary(enrolment, learner):
    request = RequestFactory().get("/")
    request.user = learner
    html = render_to_string("assessments/_completion.jinja", completion_panel(enrolment), request=request)
    assert "Not complete yet" in html and "0 of 30" in html


def test_the_caseload_summary(enrolment, learner, facilitator):
    ask(enrolment, learner)
    request = RequestFactory().get("/")
    request.user = facilitator
    html = render_to_string(
        "assessments/_caseload_summary.jinja", {"caseload_summary": caseload_summary(facilitator)}, request=request
    )
    assert "waiting for you" in html and "/assessments/caseload/" in html
