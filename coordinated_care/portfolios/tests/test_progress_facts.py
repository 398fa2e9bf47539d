"""The stored progress facts (portfolios.facts) always say what counting the portfolio says.

Each step below changes a portfolio the way the service does (an entry, a link, a sign-off, a
changed case study, a development need's action, a signed review, a feedback response, an
attendance mark, a values worksheet, a deletion, a redaction); after each, what the lists read
(progress_counts, from the stored row) must equal a fresh count (counted_progress_counts)."""

import datetime

import pytest

from coordinated_care.assessments.models import Review
from coordinated_care.assessments.tests.helpers import changed_sign_off, evidence, sign, sign_off, written_review
from coordinated_care.feedback.tests.conftest import make_response
from coordinated_care.portfolios import facts, services
from coordinated_care.portfolios.models import Entry, ProgressFacts
from coordinated_care.portfolios.progress import counted_progress_counts, portfolio_progress, progress_counts
from coordinated_care.portfolios.redaction import redact
from coordinated_care.programmes.models import Enrolment, PersonCentredValue
from coordinated_care.programmes.services.attendance import mark_attendance

pytestmark = pytest.mark.django_db


def seen(counts):
    return {
        pk: (
            one.evidence,
            one.outcomes,
            [(d.document.pk, d.count, d.started) for d in one.documents],
            [a.pk for a in one.overdue_actions],
            one.attended,
        )
        for pk, one in counts.items()
    }


def loaded(*enrolments):
    return list(Enrolment.objects.filter(pk__in=[e.pk for e in enrolments]).select_related("cohort__programme"))


def assert_current(*enrolments):
    stored = seen(progress_counts(loaded(*enrolments)))
    assert stored == seen(counted_progress_counts(loaded(*enrolments)))
    # And read back from the row, not from what was just counted.
    assert seen(progress_counts(loaded(*enrolments))) == stored
    return stored


def test_every_change_to_a_portfolio_shows_in_its_stored_facts(
    enrolment, other_enrolment, learner, facilitator, programme_lead
):
    assert_current(enrolment, other_enrolment)
    entry = evidence(enrolment, learner, "PC3")
    assert_current(enrolment, other_enrolment)
    sign_off(enrolment, learner, facilitator, "PC1")
    assert_current(enrolment, other_enrolment)
    changed_sign_off(enrolment, learner, facilitator, "PC4")
    after = assert_current(enrolment, other_enrolment)
    assert after[enrolment.pk][1][next(iter(after[enrolment.pk][1]))]  # outcomes are there
    sign_off(enrolment, learner, facilitator, "PC2", outcome="development_need")
    assert_current(enrolment, other_enrolment)
    review = written_review(enrolment, learner, facilitator, kind=Review.Kind.INITIAL)
    assert_current(enrolment)
    sign(review, learner)
    sign(review, facilitator)
    assert_current(enrolment)
    make_response(enrolment)
    assert_current(enrolment)
    workshop = enrolment.cohort.workshops.order_by("number").first()
    mark_attendance(workshop=workshop, user=programme_lead, marks={enrolment.pk: "attended"})
    assert assert_current(enrolment)[enrolment.pk][4] == 1
    link = entry.evidence_links.get()
    services.unlink_evidence(link, user=learner)
    assert_current(enrolment)
    entry.delete()
    assert_current(enrolment, other_enrolment)


def test_values_changed_in_the_programme_count_the_worksheet_again(enrolment, learner):
    values = list(
        PersonCentredValue.objects.filter(programme=enrolment.cohort.programme).values_list("name", flat=True)
    )
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.VALUES_WORKSHEET,
        user=learner,
        content={"values": {name: {"what": "w", "why": "y"} for name in values}},
    )
    assert_current(enrolment)
    PersonCentredValue.objects.create(programme=enrolment.cohort.programme, name="A value added later", position=99)
    assert_current(enrolment)


def test_an_action_falls_overdue_without_any_change(enrolment, learner):
    today = datetime.date.today()
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content={
            "area_of_focus": "Soon",
            "actions": "a",
            "help": "h",
            "success_measure": "s",
            "due_on": today + datetime.timedelta(days=3),
        },
    )
    assert progress_counts(loaded(enrolment), today)[enrolment.pk].overdue_actions == []
    later = today + datetime.timedelta(days=10)
    assert len(progress_counts(loaded(enrolment), later)[enrolment.pk].overdue_actions) == 1
    assert [a.title for a in portfolio_progress(enrolment, later).overdue_actions] == ["Soon"]


def test_a_redaction_counts_the_portfolio_again(enrolment, learner):
    entry = evidence(enrolment, learner, "PC3")
    assert_current(enrolment)
    version = ProgressFacts.objects.get(enrolment=enrolment).version
    redact(entry, text="befriending service", reason="Named a service", user=learner)
    assert ProgressFacts.objects.get(enrolment=enrolment).version > version
    assert_current(enrolment)


def test_a_change_while_counting_leaves_the_row_to_be_counted_again(enrolment, learner, monkeypatch):
    from coordinated_care.portfolios import progress

    assert_current(enrolment)
    real = progress.portfolio_facts

    def count_then_change(enrolments):
        found = real(enrolments)
        evidence(enrolment, learner, "PC5")  # committed after the count read the portfolio
        return found

    monkeypatch.setattr(progress, "portfolio_facts", count_then_change)
    facts.changed(enrolment_id=enrolment.pk)
    progress_counts(loaded(enrolment))
    row = ProgressFacts.objects.get(enrolment=enrolment)
    assert row.computed_version != row.version
    monkeypatch.setattr(progress, "portfolio_facts", real)
    assert_current(enrolment)


def test_fresh_facts_cost_one_query_and_none_when_loaded_with_the_enrolments(
    enrolment, other_enrolment, learner, django_assert_num_queries
):
    evidence(enrolment, learner, "PC3")
    assert_current(enrolment, other_enrolment)
    enrolments = loaded(enrolment, other_enrolment)
    with django_assert_num_queries(1):
        facts.stored(enrolments, compute=None)
    with_facts = list(
        Enrolment.objects.filter(pk__in=[enrolment.pk, other_enrolment.pk]).select_related(
            "cohort__programme", "progress_facts"
        )
    )
    with django_assert_num_queries(0):
        facts.stored(with_facts, compute=None)


def test_changes_outside_portfolios_leave_the_facts_alone(enrolment, learner):
    assert_current(enrolment)
    version = ProgressFacts.objects.get(enrolment=enrolment).version
    learner.full_name = "Renamed Learner"
    learner.save()
    services.save_draft(user=learner, key="x", data={"a": "b"})
    assert ProgressFacts.objects.get(enrolment=enrolment).version == version


def test_the_check_finds_a_row_written_past_the_signals_and_repairs_it(enrolment, learner):
    from django.core.management import CommandError, call_command

    evidence(enrolment, learner, "PC3")
    assert_current(enrolment)
    call_command("check_progress_facts")
    Entry.objects.filter(enrolment=enrolment).update(kind=Entry.Kind.REFLECTION)  # past the signals
    with pytest.raises(CommandError):
        call_command("check_progress_facts")
    call_command("check_progress_facts", "--repair")
    assert_current(enrolment)
    call_command("check_progress_facts")
