"""Reads go to the replica only where the code asks, and only when a replica is configured."""

from unittest import mock

import pytest
from django.conf import settings

from coordinated_care.accounts.models import User
from coordinated_care.core.replica import ReplicaRouter, reading_from_replica

router = ReplicaRouter()
REPLICA = {"replica": {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}}


def test_without_a_replica_everything_reads_from_the_primary():
    with reading_from_replica():
        assert router.db_for_read(User) is None


def test_with_a_replica_only_the_reads_that_ask_go_to_it():
    with mock.patch.dict(settings.DATABASES, REPLICA):
        assert router.db_for_read(User) is None
        with reading_from_replica():
            assert router.db_for_read(User) == "replica"
            assert router.db_for_write(User) == "default"
        assert router.db_for_read(User) is None


@pytest.mark.parametrize("db, allowed", [("default", True), ("replica", False)])
def test_migrations_run_on_the_primary_only(db, allowed):
    assert router.allow_migrate(db, "accounts") is allowed
