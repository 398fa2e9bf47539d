"""Dates and times in words: one set of functions, the same as Jinja filters on every page."""

import datetime

import pytest
from django.template import engines

from coordinated_care.core import dates

SUMMER_AFTERNOON = datetime.datetime(2026, 7, 3, 13, 5, 9, tzinfo=datetime.UTC)  # 2:05pm in London (BST)
WINTER_MORNING = datetime.datetime(2026, 1, 15, 0, 30, tzinfo=datetime.UTC)  # 12:30am in London (GMT)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (datetime.date(2026, 3, 5), "5 March 2026"),
        (datetime.date(2027, 12, 25), "25 December 2027"),
        (SUMMER_AFTERNOON, "3 July 2026"),
        # A moment late at night in UTC is already the next day in London.
        (datetime.datetime(2026, 7, 3, 23, 30, tzinfo=datetime.UTC), "4 July 2026"),
        (None, ""),
    ],
)
def test_a_date_is_the_day_month_and_year_without_a_leading_zero(value, words):
    assert dates.date(value) == words


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (SUMMER_AFTERNOON, "3 July 2026 at 2:05pm"),
        (WINTER_MORNING, "15 January 2026 at 12:30am"),
        (datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC), "15 January 2026 at 12:00pm"),
        (None, ""),
    ],
)
def test_a_moment_is_written_in_the_service_time_zone_with_am_or_pm(value, words):
    assert dates.datetime(value) == words


def test_a_moment_in_utc_says_so_to_the_minute_or_the_second():
    assert dates.utc(SUMMER_AFTERNOON) == "3 July 2026 at 13:05 UTC"
    assert dates.utc(SUMMER_AFTERNOON, seconds=True) == "3 July 2026 at 13:05:09 UTC"
    late = datetime.datetime(2026, 7, 3, 23, 30, tzinfo=datetime.UTC)
    assert dates.utc(late) == "3 July 2026 at 23:30 UTC"  # the UTC day, not London's
    assert dates.utc(None) == ""


def test_templates_use_the_same_words_through_filters():
    template = engines["jinja2"].from_string(
        "{{ day | date }}; {{ moment | datetime }}; {{ moment | utc }}; {{ moment | utc(seconds=True) }}; "
        "{{ nothing | date }}"
    )
    rendered = template.render({"day": datetime.date(2026, 3, 5), "moment": SUMMER_AFTERNOON, "nothing": None})
    assert rendered == ("5 March 2026; 3 July 2026 at 2:05pm; 3 July 2026 at 13:05 UTC; 3 July 2026 at 13:05:09 UTC; ")
