import datetime

from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Entry
from coordinated_care.portfolios.progress import portfolio_progress
from coordinated_care.programmes.models import Criterion, RequiredDocument


def case_study(enrolment, learner, n):
    return services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.CASE_STUDY,
        user=learner,
        content={"title": f"Case study {n}", "overview": "o", "coordination": "c", "outcomes": "r"},
    )


def test_a_new_portfolio_has_nothing_done(enrolment):
    progress = portfolio_progress(enrolment)
    assert progress.criteria_total == 30
    assert progress.criteria_with_evidence == 0
    assert [g.group.code for g in progress.groups] == ["PC", "CS", "RS", "CL"]
    assert len(progress.documents_missing) == 7


def test_evidence_documents_and_overdue_actions_show(enrolment, learner):
    today = datetime.date.today()
    programme = enrolment.cohort.programme
    entry = case_study(enrolment, learner, 1)
    for code in ("PC1", "PC2", "CS5"):
        services.link_evidence(
            entry, criterion=Criterion.objects.get(programme=programme, code=code), how_it_shows="x", user=learner
        )
    case_study(enrolment, learner, 2)
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content={
            "area_of_focus": "Late",
            "actions": "a",
            "help": "h",
            "success_measure": "s",
            "due_on": today - datetime.timedelta(days=1),
        },
    )
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content={
            "area_of_focus": "Later",
            "actions": "a",
            "help": "h",
            "success_measure": "s",
            "due_on": today + datetime.timedelta(days=9),
        },
    )
    progress = portfolio_progress(enrolment, today=today)
    assert progress.criteria_with_evidence == 3
    documents = {d.document.kind: d for d in progress.documents}
    assert documents[RequiredDocument.Kind.CASE_STUDY].count == 2
    assert not documents[RequiredDocument.Kind.CASE_STUDY].done
    assert documents[RequiredDocument.Kind.ACTION_PLAN].done
    assert [a.title for a in progress.overdue_actions] == ["Late"]
    assert progress.next_workshop.date >= today


def test_the_values_worksheet_counts_once_every_value_has_what_and_why(enrolment, learner):
    names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    partial = {"values": {name: {"what": "w", "why": "y"} for name in names[:-1]}}
    worksheet = services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.VALUES_WORKSHEET, user=learner, content=partial, title="Values worksheet"
    )
    kinds = lambda: {d.document.kind: d.done for d in portfolio_progress(enrolment).documents}  # noqa: E731
    assert not kinds()[RequiredDocument.Kind.VALUES_WORKSHEET]
    complete = {"values": {name: {"what": "w", "why": "y"} for name in names}}
    services.update_entry(worksheet, content=complete, user=learner, seen_version=1)
    assert kinds()[RequiredDocument.Kind.VALUES_WORKSHEET]


def test_progress_takes_a_fixed_number_of_queries(enrolment, learner, django_assert_num_queries):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            portfolio_progress(enrolment)
        return len(captured)

    def add(n):
        entry = case_study(enrolment, learner, n)
        services.link_evidence(
            entry,
            criterion=Criterion.objects.filter(programme=enrolment.cohort.programme)[n],
            how_it_shows="x",
            user=learner,
        )

    count_queries()  # its progress facts are stored
    add(0)
    few = count_queries()  # counted again after a change
    for n in range(1, 13):
        add(n)
    assert count_queries() == few
    # Read back while nothing changes: the facts, the programme's criteria and documents, the next workshop.
    assert count_queries() <= 4


def test_a_part_filled_worksheet_shows_in_progress_on_the_home_page(signed_in, enrolment, learner):
    names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    partial = {"values": {names[0]: {"what": "w", "why": ""}}}
    services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.VALUES_WORKSHEET, user=learner, content=partial, title="Values worksheet"
    )
    documents = {d.document.kind: d for d in portfolio_progress(enrolment).documents}
    assert documents[RequiredDocument.Kind.VALUES_WORKSHEET].state == "in_progress"
    assert documents[RequiredDocument.Kind.CASE_STUDY].state == "not_started"
    page = signed_in(learner).get("/learner/").content.decode()
    assert "In progress" in page
    assert "values-worksheet" in page


def test_reviews_count_when_fully_signed(enrolment, learner, facilitator):
    from coordinated_care.assessments.models import Review
    from coordinated_care.assessments.tests.helpers import sign, written_review

    kinds = lambda: {d.document.kind: d.state for d in portfolio_progress(enrolment).documents}  # noqa: E731
    assert kinds()[RequiredDocument.Kind.FINAL_REVIEW] == "not_started"
    review = written_review(enrolment, learner, facilitator, kind=Review.Kind.FINAL)
    assert kinds()[RequiredDocument.Kind.FINAL_REVIEW] == "in_progress"
    sign(review, learner)
    assert kinds()[RequiredDocument.Kind.FINAL_REVIEW] == "in_progress"
    sign(review, facilitator)
    assert kinds()[RequiredDocument.Kind.FINAL_REVIEW] == "done"
    assert kinds()[RequiredDocument.Kind.INITIAL_DISCUSSION] == "not_started"


def test_feedback_responses_count_as_feedback_and_evidence(enrolment, learner):
    from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse, ResponseEvidenceLink

    response = FeedbackResponse.objects.create(
        enrolment=enrolment,
        audience=FeedbackRequest.Audience.STAFF,
        received_on=datetime.date(2027, 3, 3),
        source=FeedbackResponse.Source.ONLINE,
        their_role="Practice nurse",
        input="Worked together.",
    )
    pc1 = Criterion.objects.get(programme=enrolment.cohort.programme, code="PC1")
    ResponseEvidenceLink.objects.create(response=response, criterion=pc1, how_it_shows="x")
    entry = case_study(enrolment, learner, 1)
    services.link_evidence(entry, criterion=pc1, how_it_shows="x", user=learner)
    progress = portfolio_progress(enrolment)
    assert progress.criteria_with_evidence == 1  # one criterion, whatever evidences it
    evidence = {c.criterion.code: c.evidence_count for g in progress.groups for c in g.criteria}
    assert evidence["PC1"] == 2
    documents = {d.document.kind: d for d in progress.documents}
    assert documents[RequiredDocument.Kind.FEEDBACK].count == 1
