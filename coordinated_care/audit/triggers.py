"""The database's own refusal to change audit rows: triggers that abort any UPDATE or DELETE of
`audit_auditevent` (and TRUNCATE, on PostgreSQL), whoever sends it. The application's Python
refusal (models.py) does not stop SQL typed into a console; these do, short of a database owner
dropping them, which `verify_audit` would then catch through the hashes.

Both databases raise an integrity error (SQLite's RAISE(ABORT), PostgreSQL's restrict_violation),
so callers see django.db.IntegrityError on each. Installed by migration 0002 and, idempotently,
after every `migrate` (SQLite rebuilds a table to alter it, and the rebuilt table has no triggers).
A migration that changes this SQL must be a new one: 0002 calls these functions.
"""

import contextlib

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"

SQLITE = {
    "audit_event_refuse_update": (
        f"CREATE TRIGGER IF NOT EXISTS audit_event_refuse_update BEFORE UPDATE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END"
    ),
    "audit_event_refuse_delete": (
        f"CREATE TRIGGER IF NOT EXISTS audit_event_refuse_delete BEFORE DELETE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END"
    ),
}

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_event_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$
"""
POSTGRESQL = {
    "audit_event_refuse_update": (
        f"CREATE TRIGGER audit_event_refuse_update BEFORE UPDATE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse()"
    ),
    "audit_event_refuse_delete": (
        f"CREATE TRIGGER audit_event_refuse_delete BEFORE DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse()"
    ),
    # Row triggers do not see TRUNCATE, which empties the table in one statement.
    "audit_event_refuse_truncate": (
        f"CREATE TRIGGER audit_event_refuse_truncate BEFORE TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse()"
    ),
}


def installed(connection):
    """The names of the append-only triggers the table has now."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal", [TABLE]
            )
        else:
            return set()
        return {row[0] for row in cursor.fetchall()}


def ensure(connection):
    """Create whichever triggers are missing. Other databases get none (ADR 4 names these two)."""
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor)
    if statements is None:
        return
    missing = [sql for name, sql in statements.items() if name not in installed(connection)]
    with connection.cursor() as cursor:
        if missing and connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_FUNCTION)
        for sql in missing:
            cursor.execute(sql)


def remove(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in SQLITE:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif connection.vendor == "postgresql":
            for name in POSTGRESQL:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
            cursor.execute("DROP FUNCTION IF EXISTS audit_event_refuse()")


@contextlib.contextmanager
def lifted(connection):
    """Without the triggers for the length of the block, for `flush`, which empties every table
    (TRUNCATE on PostgreSQL, DELETE on SQLite). Call it inside a transaction, so that no other
    connection ever sees the table unguarded (DDL is transactional on both databases)."""
    remove(connection)
    try:
        yield
    finally:
        ensure(connection)


def ensure_after_migrate(sender, using, **kwargs):
    from django.db import connections

    connection = connections[using]
    if TABLE in connection.introspection.table_names():
        ensure(connection)
