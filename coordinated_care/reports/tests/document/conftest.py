import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate limits count in the cache, which outlives a test: each test starts with none spent.
    cache.clear()
    yield
    cache.clear()
