"""The pace rule (docs/dashboards.md), worked by hand for the shipped programme's length."""

import datetime

import pytest

from coordinated_care.reports.dashboards.pace import (
    expected_signed_off,
    learner_start,
    month_end,
    pace_of,
    whole_months,
)

from .conftest import started_months_ago


@pytest.mark.parametrize(
    ("months", "expected"),
    [(0, 0), (1, 0), (2, 6), (3, 12), (4, 18), (5, 24), (6, 30), (9, 30)],
)
def test_nothing_is_expected_in_the_first_month_then_evenly_all_by_the_end(months, expected):
    assert expected_signed_off(30, months, 6) == expected


@pytest.mark.parametrize(
    ("start", "today", "months"),
    [
        ("2026-01-15", "2026-01-15", 0),
        ("2026-01-15", "2026-02-14", 0),
        ("2026-01-15", "2026-02-15", 1),
        ("2026-01-31", "2026-03-30", 1),
        ("2026-11-20", "2027-02-20", 3),
        ("2026-03-01", "2026-02-01", 0),
    ],
)
def test_whole_months_are_calendar_months_completed(start, today, months):
    assert whole_months(datetime.date.fromisoformat(start), datetime.date.fromisoformat(today)) == months


def test_a_month_ends_the_day_before_the_same_day_of_the_next():
    assert month_end(datetime.date(2026, 1, 15), 1) == datetime.date(2026, 2, 14)
    assert month_end(datetime.date(2026, 11, 20), 3) == datetime.date(2027, 2, 19)


def test_a_learner_enrolled_today_in_a_cohort_that_began_months_ago_is_not_behind(enrolment):
    started_months_ago(enrolment, 4)
    enrolment.created_at = datetime.datetime.now(datetime.UTC)
    assert learner_start(enrolment) == datetime.date.today()
    pace = pace_of(enrolment, 30, 0)
    assert (pace.month, pace.expected, pace.behind) == (1, 0, False)


def test_a_learner_four_months_in_with_nothing_signed_off_is_behind(enrolment):
    started_months_ago(enrolment, 4)
    pace = pace_of(enrolment, 30, 0)
    assert (pace.month, pace.expected, pace.behind, pace.shortfall) == (5, 18, True, 18)
    assert not pace_of(enrolment, 30, 18).behind


def test_a_completed_or_withdrawn_learner_is_never_behind(enrolment):
    started_months_ago(enrolment, 4)
    enrolment.status = "completed"
    assert not pace_of(enrolment, 30, 0).behind
