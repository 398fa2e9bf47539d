import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

from coordinated_care.core.tasks import send_email

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_tasks_run_in_process_by_default():
    send_email.enqueue(to=["pbf@example.test"], subject="Sign-off requested", body="A learner asked.")
    assert [m.subject for m in mail.outbox] == ["Sign-off requested"]


def _redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:
        return False


@pytest.mark.skipif(not _redis_available() and not os.environ.get("CI"), reason="no Redis on this machine")
def test_tasks_go_through_redis_to_a_worker(tmp_path):
    """With TASKS_BACKEND=rq a task is queued in Redis and a separate worker process runs it."""
    outbox = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.local",
        "TASKS_BACKEND": "rq",
        "REDIS_URL": REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    enqueue = (
        "import django; django.setup();"
        "from coordinated_care.core.tasks import send_email;"
        "r = send_email.enqueue(to=['pbf@example.test'], subject='Queued', body='Through Redis');"
        "print(r.status)"
    )
    queued = subprocess.run([sys.executable, "-c", enqueue], cwd=ROOT, env=env, capture_output=True, text=True)
    assert queued.returncode == 0, queued.stderr
    assert "READY" in queued.stdout
    assert not outbox.exists()
    worker = subprocess.run(
        [sys.executable, "manage.py", "rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr
    sent = "".join(p.read_text() for p in outbox.iterdir())
    assert "Subject: Queued" in sent
