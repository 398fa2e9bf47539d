import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Criterion


def add_case_study(enrolment, learner, n, criterion_codes=()):
    entry = services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.CASE_STUDY,
        user=learner,
        content={"title": f"Case study {n}", "overview": "o", "coordination": "c", "outcomes": "r"},
    )
    for code in criterion_codes:
        criterion = Criterion.objects.get(programme=enrolment.cohort.programme, code=code)
        services.link_evidence(entry, criterion=criterion, how_it_shows="Shown here.", user=learner)
    return entry


def test_the_learner_home_shows_progress_at_a_glance(enrolment, learner, signed_in):
    add_case_study(enrolment, learner, 1, ["PC1", "CS5", "RS1"])
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content={
            "area_of_focus": "Digital signposting",
            "actions": "a",
            "help": "h",
            "success_measure": "s",
            "due_on": datetime.date.today() - datetime.timedelta(days=2),
        },
    )
    html = signed_in(learner).get("/learner/").content.decode()
    assert "3 of 30" in html  # criteria with evidence
    assert "Overdue actions" in html and "Digital signposting" in html
    assert "Next workshop" in html
    assert f"/portfolio/{enrolment.uuid}/" in html
    assert "1 of at least 3" in html  # case studies


def test_the_learner_home_takes_the_same_queries_with_many_entries(enrolment, learner, signed_in):
    client = signed_in(learner)
    client.get("/learner/")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/learner/").status_code == 200
        return len(captured)

    add_case_study(enrolment, learner, 0, ["PC1"])
    few = count()  # its progress counted again after a change (portfolios.facts)
    for n in range(1, 11):
        add_case_study(enrolment, learner, n, ["PC1", "PC2"])
    assert count() == few
    assert count() < few  # and read from what is stored while nothing changes


def test_a_learner_without_an_enrolment_is_told_what_will_come(learner, signed_in):
    html = signed_in(learner).get("/learner/").content.decode()
    assert "not enrolled on a programme yet" in html
