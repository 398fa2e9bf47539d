"""Who may read the audit trail is registered by programmes (providers.py, ADR 10)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from coordinated_care.audit import providers
from coordinated_care.programmes.services import can_read_portfolio, is_administrator


def test_programmes_registers_who_may_read_the_trail():
    readers = providers.readers()
    assert readers.can_read is can_read_portfolio
    assert readers.is_administrator is is_administrator


def test_without_readers_nobody_reads_the_trail(monkeypatch):
    monkeypatch.setattr(providers, "_readers", [])
    with pytest.raises(ImproperlyConfigured, match="Nobody registered who may read the audit trail"):
        providers.readers()
