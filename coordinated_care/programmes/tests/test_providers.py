"""What the apps above programmes register with it (providers.py, ADR 10)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from coordinated_care.portfolios.progress import progress_counts
from coordinated_care.programmes import providers


def test_the_portfolio_app_registers_its_progress_counter():
    assert providers._progress_counters == [progress_counts]


def test_without_a_counter_progress_cannot_be_counted(monkeypatch):
    monkeypatch.setattr(providers, "_progress_counters", [])
    with pytest.raises(ImproperlyConfigured, match="No progress counter"):
        providers.count_progress([], None)


def test_a_second_counter_replaces_the_first(monkeypatch):
    monkeypatch.setattr(providers, "_progress_counters", [])
    providers.register_progress_counter(lambda enrolments, today: {"first": today})
    providers.register_progress_counter(lambda enrolments, today: {"second": today})
    assert providers.count_progress([], "today") == {"second": "today"}
