"""Audit events can only be added: Python refuses to change or delete them, and so does the
database itself, on SQLite and on PostgreSQL (ADR 4, ADR 6)."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from coordinated_care import audit
from coordinated_care.audit import triggers
from coordinated_care.audit.models import AuditEvent

from .conftest import raw


@pytest.fixture
def event(entry):
    return AuditEvent.objects.order_by("id").first()


def test_python_refuses_to_change_an_event(event):
    event.actor_label = "someone else"
    with pytest.raises(audit.AuditError):
        event.save()


def test_python_refuses_to_delete_an_event(event):
    with pytest.raises(audit.AuditError):
        event.delete()


@pytest.mark.parametrize(
    "bulk",
    [
        lambda events: events.update(actor_label="someone else"),
        lambda events: events.delete(),
        lambda events: events.bulk_create([AuditEvent()]),
        lambda events: events.bulk_update(list(events), ["actor_label"]),
    ],
    ids=["update", "delete", "bulk_create", "bulk_update"],
)
def test_python_refuses_bulk_changes(event, bulk):
    with pytest.raises(audit.AuditError):
        bulk(AuditEvent.objects.all())


def test_an_event_is_only_added_through_the_chain(entry):
    with pytest.raises(audit.AuditError, match="audit chain"):
        AuditEvent.objects.create(actor_label="forger", action="create", content_type_id=1, object_id="1")


def test_the_database_has_the_triggers(db):
    expected = set(triggers.POSTGRESQL if connection.vendor == "postgresql" else triggers.SQLITE)
    assert triggers.installed(connection) == expected


@pytest.mark.parametrize(
    "sql",
    ["UPDATE audit_auditevent SET actor_label = 'someone else'", "DELETE FROM audit_auditevent"],
    ids=["update", "delete"],
)
def test_the_database_refuses_to_change_or_delete_an_event(event, sql):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        raw(sql)
    assert AuditEvent.objects.get(pk=event.pk).actor_label == event.actor_label


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's; SQLite empties a table with DELETE"
)
@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_to_truncate_the_audit_table(event):
    # In a transaction of its own: PostgreSQL will not truncate a table written earlier in the same one.
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        raw("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_migration_that_rebuilds_the_table_gets_its_triggers_back(db):
    # SQLite rebuilds a table to alter it and the copy has no triggers: migrate puts them back.
    triggers.remove(connection)
    assert triggers.installed(connection) == set()
    triggers.ensure_after_migrate(sender=None, using="default")
    assert triggers.installed(connection) == set(
        triggers.POSTGRESQL if connection.vendor == "postgresql" else triggers.SQLITE
    )


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_database_and_keeps_the_guard(entry):
    # The test runner flushes after every transactional test like this one; operators flush a
    # development database. Both must work, and leave the triggers in place.
    assert AuditEvent.objects.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert triggers.installed(connection)
