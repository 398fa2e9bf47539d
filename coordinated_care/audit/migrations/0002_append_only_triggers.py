"""The database refuses UPDATE and DELETE of audit events (and TRUNCATE, on PostgreSQL): see
coordinated_care/audit/triggers.py. Both SQLite and PostgreSQL get triggers (ADR 4, ADR 6)."""

from django.db import migrations

from coordinated_care.audit import triggers


def install(apps, schema_editor):
    if schema_editor.connection.vendor in ("postgresql", "sqlite"):
        triggers.ensure(schema_editor.connection)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor in ("postgresql", "sqlite"):
        triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
