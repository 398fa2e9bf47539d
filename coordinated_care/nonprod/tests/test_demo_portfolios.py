from io import StringIO

import pytest
from django.core.management import call_command

from coordinated_care.nonprod import demo_portfolios
from coordinated_care.portfolios.models import Entry, EvidenceLink
from coordinated_care.portfolios.progress import portfolio_progress
from coordinated_care.programmes.models import Enrolment


@pytest.fixture
def demo_enrolment(db):
    call_command("seed_demo", stdout=StringIO())
    return Enrolment.objects.get(learner__email="learner@demo.test")


def test_the_demo_learner_has_a_part_completed_portfolio(demo_enrolment):
    progress = portfolio_progress(demo_enrolment)
    assert progress.criteria_with_evidence == 4
    assert len(progress.overdue_actions) == 1
    documents = {d.document.kind: d for d in progress.documents}
    assert documents["case_study"].count == 1 and not documents["case_study"].done
    assert not documents["values_worksheet"].done  # partly filled in
    assert hasattr(demo_enrolment, "accredited_training")


def test_seeding_the_portfolio_again_adds_nothing(demo_enrolment):
    counts = (Entry.objects.count(), EvidenceLink.objects.count())
    call_command("seed_demo", stdout=StringIO())
    demo_portfolios.seed_portfolio(demo_enrolment)
    assert (Entry.objects.count(), EvidenceLink.objects.count()) == counts


def test_the_second_demo_learner_starts_empty(demo_enrolment):
    other = Enrolment.objects.get(learner__email="learner2@demo.test")
    assert not Entry.objects.filter(enrolment=other).exists()


def test_the_demo_writing_passes_the_confidentiality_guard(demo_enrolment):
    from coordinated_care.confidentiality.service import scan

    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from texts(item)

    interruptions = [
        (text, finding)
        for entry in Entry.objects.filter(enrolment=demo_enrolment)
        for text in [entry.title, *texts(entry.content)]
        for finding in scan(text)
        if finding.action in ("block", "confirm")
    ]
    assert interruptions == []
