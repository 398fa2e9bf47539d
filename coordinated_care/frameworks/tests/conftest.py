import pytest

from coordinated_care.frameworks.services import load_shipped_framework


@pytest.fixture
def shipped(db):
    """The shipped framework's published version 1."""
    return load_shipped_framework()
