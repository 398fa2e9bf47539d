"""The portfolio with one of everything (portfolios' own fixture) for the rules' World, and rate
limits that start afresh for every test, so that the walk's many requests are never refused for
their number."""

import pytest
from django.core.cache import cache

from coordinated_care.core import ratelimit
from coordinated_care.portfolios.tests.conftest import criteria, portfolio  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_limits(settings, monkeypatch):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    settings.FEEDBACK_RATE_LIMITS = {"address": (10_000, 600), "token": (10_000, 3600), "countersign": (10_000, 900)}
    settings.CONFIDENTIALITY_CHECKS_PER_MINUTE = 10_000
    from coordinated_care.reports.document import views as document_views

    monkeypatch.setattr(document_views, "VERIFY_RATE_LIMIT", (10_000, 600))
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_800_000_000.0)
    cache.clear()
    yield
    cache.clear()
