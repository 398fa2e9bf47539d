"""The PDF's targets (issue 10): the complete demo portfolio in under 3 s, a portfolio of 60 entries
in under 10 s. Held to them in CPU time, which a machine shared with other work does not inflate
the way it does the time on the clock; both are printed (`pytest -s`) for docs/benchmarks.md.

Each figure is the median of three exports through `services.export_now` (gather, render, hash,
store: what the background task does), after one export to load WeasyPrint and its fonts."""

import io
import statistics
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from coordinated_care.nonprod.demo import DEMO_COHORT_NAME
from coordinated_care.portfolios import services as portfolio_services
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Criterion, Enrolment
from coordinated_care.reports.document import services

pytestmark = pytest.mark.django_db

KINDS = [
    Entry.Kind.CASE_STUDY,
    Entry.Kind.REFLECTION,
    Entry.Kind.INTERPROFESSIONAL_RECORD,
    Entry.Kind.ACTION,
    Entry.Kind.TRAINING_RECORD,
    Entry.Kind.KEY_PERSON_FEEDBACK,
    Entry.Kind.STAFF_FEEDBACK,
]
# About the length a learner writes in each box: three short paragraphs.
TEXT = "\n\n".join(
    [
        "I arranged a joint review with the community team and the practice nurse, and followed up the actions "
        "agreed a week later."
    ]
    * 3
)


def _enrolment():
    return Enrolment.objects.select_related(
        "learner", "facilitator", "supervisor", "practice", "cohort__programme"
    ).get(cohort__name=DEMO_COHORT_NAME, learner__email="learner@demo.test")


def _grow_to(enrolment, total):
    criteria = list(Criterion.objects.filter(programme=enrolment.cohort.programme_id).order_by("pk"))
    n = Entry.objects.filter(enrolment=enrolment).count()
    while n < total:
        entry = portfolio_services.create_entry(
            enrolment=enrolment,
            kind=KINDS[n % len(KINDS)],
            user=enrolment.learner,
            content={
                "title": f"Entry {n}",
                **dict.fromkeys(["overview", "coordination", "outcomes", "what_happened", "so_what", "now_what"], TEXT),
                **dict.fromkeys(["reflections", "actions", "learning", "input"], TEXT),
                "occurred_on": "2026-10-01",
                "due_on": "2027-01-10",
                "who_and_why": "District nurse, to plan a discharge",
                "area_of_focus": f"Focus {n}",
                "help": "My facilitator",
                "success_measure": "Sign-off",
                "their_role": "Practice nurse",
            },
        )
        portfolio_services.link_evidence(
            entry, criterion=criteria[n % len(criteria)], how_it_shows="Shows it in practice.", user=enrolment.learner
        )
        n += 1


def _measure(enrolment):
    cpu, wall = [], []
    for _ in range(3):
        started_cpu, started = time.process_time(), time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            _, data = services.export_now(enrolment)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return {
        "cpu": statistics.median(cpu),
        "wall": statistics.median(wall),
        "pages": len(PdfReader(io.BytesIO(data)).pages),
        "kB": len(data) // 1024,
        "queries": len(queries),
    }


def test_the_demo_portfolio_prints_in_under_3_s_and_one_of_60_entries_in_under_10_s():
    call_command("seed_demo", stdout=io.StringIO())
    enrolment = _enrolment()
    services.export_now(enrolment)  # loads WeasyPrint, Pango and the fonts once, as a worker has
    demo = _measure(enrolment)
    _grow_to(enrolment, 60)
    sixty = _measure(_enrolment())
    for name, figures in (("demo", demo), ("60 entries", sixty)):
        print(
            f"\nportfolio PDF, {name}: "
            + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())
        )
    assert demo["cpu"] < 3
    assert sixty["cpu"] < 10
    assert sixty["pages"] > demo["pages"]
    assert sixty["queries"] == demo["queries"]
