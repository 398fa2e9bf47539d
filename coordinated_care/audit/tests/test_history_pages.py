"""History pages: readable by whoever may read the record's portfolio, 404 for everyone else;
what changed in plain words; a fixed number of queries however long the history."""

import datetime
import re

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import EVERYONE, PORTFOLIO_READERS, Access, check_access
from coordinated_care import audit
from coordinated_care.audit import services
from coordinated_care.portfolios import services as portfolio
from coordinated_care.programmes import services as programmes

from .conftest import CASE_STUDY

# Who may read the learner's portfolio may read its history; nobody else learns that it exists.
PORTFOLIO_HISTORY = Access(readers=PORTFOLIO_READERS, get=PORTFOLIO_READERS)
# A workshop belongs to the cohort: those who run it.
WORKSHOP_READERS = {"programme_lead", "administrator"}
WORKSHOP_HISTORY = Access(readers=WORKSHOP_READERS, get=WORKSHOP_READERS)


@pytest.fixture
def changed_entry(entry, learner):
    with audit.acting_as(learner):
        return portfolio.update_entry(
            entry, content={**CASE_STUDY, "outcomes": "A weekly lunch club."}, user=learner, seen_version=1
        )


@pytest.fixture
def moved_workshop(cohort, programme_lead):
    workshop = cohort.workshops.get(number=1)
    with audit.acting_as(programme_lead):
        return programmes.move_workshop(workshop, date=workshop.date + datetime.timedelta(days=7), location="Room 2")


@pytest.mark.parametrize("persona", EVERYONE)
def test_the_history_of_an_entry_is_for_its_portfolio_readers(request, persona, changed_entry, other_enrolment):
    check_access(request, persona, audit.history_url(changed_entry), PORTFOLIO_HISTORY)


@pytest.mark.parametrize("persona", EVERYONE)
def test_the_history_of_a_portfolio_is_for_its_readers(request, persona, changed_entry, other_enrolment):
    url = reverse("audit:portfolio_history", args=[changed_entry.enrolment.uuid])
    check_access(request, persona, url, PORTFOLIO_HISTORY)


@pytest.mark.parametrize("persona", EVERYONE)
def test_the_history_of_a_workshop_is_for_those_who_run_the_cohort(request, persona, moved_workshop, enrolment):
    check_access(request, persona, audit.history_url(moved_workshop), WORKSHOP_HISTORY)


def test_the_page_says_who_changed_what_when_in_plain_words(signed_in, facilitator, changed_entry, learner):
    page = signed_in(facilitator).get(audit.history_url(changed_entry)).content.decode()
    assert "History of Case study 1: leaving hospital" in page
    assert "Changed by Test Learner" in page and "Created by system" in page
    assert "Content: outcomes" in page
    assert "They felt supported at home." in page and "A weekly lunch club." in page
    assert " UTC" in page
    # Timestamps Django sets itself are kept in the event but not shown.
    assert "Updated at" not in page


def test_linked_records_and_choices_are_named_not_numbered(signed_in, learner, entry):
    criterion = entry.enrolment.cohort.programme.criteria.order_by("position").first()
    link = portfolio.link_evidence(entry, criterion=criterion, how_it_shows="Shown here.", user=learner)
    page = signed_in(learner).get(audit.history_url(link)).content.decode()
    assert criterion.title in page and "Shown here." in page
    page = signed_in(learner).get(audit.history_url(entry)).content.decode()
    assert "Case study" in page and "Test Learner" in page  # kind by its label, created_by by name


def test_notes_are_shown(signed_in, learner, entry):
    with audit.with_note({"reason": "Corrected a date"}):
        portfolio.update_entry(entry, content={**CASE_STUDY, "overview": "Fixed."}, user=learner, seen_version=1)
    page = signed_in(learner).get(audit.history_url(entry)).content.decode()
    assert "Reason:" in page and "Corrected a date" in page


def test_the_portfolio_history_names_each_record(signed_in, learner, changed_entry):
    page = (
        signed_in(learner).get(reverse("audit:portfolio_history", args=[changed_entry.enrolment.uuid])).content.decode()
    )
    assert "History of Test Learner’s portfolio" in page or "History of Test Learner&#39;s portfolio" in page
    assert "entry “Case study 1: leaving hospital”" in page
    assert "entry version" in page


@pytest.mark.parametrize(
    "url", ["/history/portfolios.nothing/1/", "/history/nonsense/1/", "/history/portfolios.entry/999999/"]
)
def test_an_unknown_record_is_not_found(signed_in, learner, entry, url):
    assert signed_in(learner).get(url).status_code == 404


def test_a_long_history_is_read_a_page_at_a_time(signed_in, learner, entry, monkeypatch):
    monkeypatch.setattr(services, "PAGE_SIZE", 3)
    for n in range(4):
        entry = portfolio.update_entry(
            entry, content={**CASE_STUDY, "overview": f"Take {n}"}, user=learner, seen_version=entry.version
        )
    client = signed_in(learner)
    first = client.get(audit.history_url(entry)).content.decode()
    assert "Take 3" in first and "Created by" not in first and "Older changes" in first
    (older,) = re.findall(r'href="([^"]*\?before=\d+)"', first)
    second = client.get(older).content.decode()
    assert "Created by" in second and "Newest changes" in second and "Older changes" not in second
    assert "Take 3" not in second


def test_the_page_takes_a_fixed_number_of_queries(signed_in, learner, programme_lead, entry):
    criterion = entry.enrolment.cohort.programme.criteria.first()
    link = portfolio.link_evidence(entry, criterion=criterion, how_it_shows="One", user=learner)
    portfolio_url = reverse("audit:portfolio_history", args=[entry.enrolment.uuid])

    def counts():
        measured = []
        for reader, url in [
            (learner, audit.history_url(entry)),
            (programme_lead, audit.history_url(link)),
            (learner, portfolio_url),
        ]:
            client = signed_in(reader)
            client.get(url)  # Django caches content types on first use
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            measured.append(len(captured))
        return measured

    short = counts()
    for n in range(12):
        entry = portfolio.update_entry(
            entry, content={**CASE_STUDY, "overview": f"Take {n}"}, user=learner, seen_version=entry.version
        )
        link = portfolio.link_evidence(entry, criterion=criterion, how_it_shows=f"Take {n}", user=learner)
    assert counts() == short
    # The entry page: session and user (2, and whatever the shared layout asks for, one query for
    # the navigation today); the object's newest event and its enrolment (2); the page of events
    # (1); the names of linked records, one query per kind (users: 1). The link's page asks two
    # more: one more kind of record named (entries and criteria), and whether the lead leads the
    # cohort. The portfolio's: the enrolment and the events (2), and users, entries, criteria, the
    # cohort and the practice (5), the kinds the registered models can name.
    assert [n - short[0] for n in short] == [0, 2, 3]
    assert short[0] <= 8


def test_the_link_macro_points_at_the_history(entry):
    template = engines["jinja2"].from_string(
        '{% from "audit/_link.jinja" import history_link %}{{ history_link(entry) }}'
    )
    assert template.render({"entry": entry}) == f'<a href="/history/portfolios.entry/{entry.pk}/">View history</a>'
