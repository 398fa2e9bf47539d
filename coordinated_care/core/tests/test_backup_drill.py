"""The backup and restore drill (scripts/backup_drill.sh) on this test run's PostgreSQL database:
a dump restored into a scratch database has the same rows, and its audit chain and signatures
verify. PostgreSQL only: SQLite is a file, backed up by copying it."""

import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection

from coordinated_care.assessments.tests.helpers import sign_off
from coordinated_care.audit.models import AuditEvent

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "backup_drill.sh"


def database_url():
    s = connection.settings_dict
    auth = urllib.parse.quote(s["USER"] or "")
    if s["PASSWORD"]:
        auth += ":" + urllib.parse.quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def drill(url, **env):
    import os

    return subprocess.run(
        ["bash", str(SCRIPT), url],
        cwd=ROOT,
        env={**os.environ, "BACKUP_DRILL_PYTHON": sys.executable, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_every_row_and_its_audit_trail_verifies(enrolment, learner, facilitator):
    if connection.vendor != "postgresql":
        pytest.skip("the drill dumps and restores PostgreSQL (DATABASE_URL=postgres://…)")
    sign_off(enrolment, learner, facilitator)  # signed records and a chain of audit events
    events = AuditEvent.objects.count()
    assert events > 5

    done = drill(database_url())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Row counts match in all" in done.stdout
    # verify_audit walked the copy's whole chain: as many events as the source holds.
    assert str(events) in done.stdout.split("verify_audit on the restored copy:")[1]
    assert "its audit trail and signatures verify" in done.stdout
    # The scratch database is gone afterwards.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", [connection.settings_dict["NAME"] + "_drill"]
        )
        assert cursor.fetchone() == (0,)


def test_the_drill_refuses_anything_but_postgresql():
    done = drill("sqlite:///db.sqlite3")
    assert done.returncode == 2
    assert "give a PostgreSQL DATABASE_URL" in done.stderr
