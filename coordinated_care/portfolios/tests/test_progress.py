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
        services.link_evidence(entry, criterion=Criterion.objects.get(programme=programme, code=code), how_it_shows="x", user=learner)
    case_study(enrolment, learner, 2)
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content={"area_of_focus": "Late", "actions": "a", "help": "h", "success_measure": "s", "due_on": today - datetime.timedelta(days=1)},
    )
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content={"area_of_focus": "Later", "actions": "a", "help": "h", "success_measure": "s", "due_on": today + datetime.timedelta(days=9)},
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

    few = count_queries()
    for n in range(12):
        entry = case_study(enrolment, learner, n)
        services.link_evidence(entry, criterion=Criterion.objects.filter(programme=enrolment.cohort.programme)[n], how_it_shows="x", user=learner)
    assert count_queries() == few
