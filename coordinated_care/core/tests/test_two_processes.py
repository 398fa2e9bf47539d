"""Past one machine: two application processes that share nothing but PostgreSQL and Redis behave
as one service. A person signed in on one is recognised on the other, a rate limit counts across
both, and a job queued by one is done by a separate worker, not by the process that queued it."""

import os
import socketserver
import subprocess
import sys
import threading

import dj_database_url
import psycopg
import pytest
import redis

from .production import ROOT, Browser, gunicorn, prepare, production_env

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="two processes are shown on PostgreSQL (the suite's PostgreSQL run); SQLite is one machine's database",
)


class SMTPSink(socketserver.ThreadingTCPServer):
    """Just enough of a mail server to receive what the worker sends."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.messages = []


class SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 sink")
        while line := self.rfile.readline().decode(errors="replace").strip():
            verb = line.split(" ", 1)[0].upper()
            if verb == "DATA":
                self.reply("354 go on")
                lines = []
                while (body := self.rfile.readline().decode(errors="replace")).rstrip("\r\n") != ".":
                    lines.append(body)
                self.server.messages.append("".join(lines))
                self.reply("250 kept")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


@pytest.fixture
def database():
    """A database of this test's own on the suite's PostgreSQL server."""
    settings = dj_database_url.parse(DATABASE_URL)
    name = f"test_two_processes_{os.getpid()}"
    admin = dict(host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"], dbname="postgres")
    if settings["PASSWORD"]:
        admin["password"] = settings["PASSWORD"]
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield DATABASE_URL.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sink():
    server = SMTPSink()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_two_application_processes_share_sign_in_rate_limits_and_the_queue(tmp_path, database, sink):
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = production_env(
        tmp_path,
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        TASKS_BACKEND="rq",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.server_address[1]),
    )
    signed_in, guessed = "first.person@example.test", "second.person@example.test"
    prepare(env, [(signed_in, "First Person"), (guessed, "Second Person")])
    with gunicorn(env) as first, gunicorn(env) as second:
        # Signed in on the first process, recognised on the second.
        browser = Browser(first)
        assert browser.sign_in(signed_in)[0] == 302
        browser.base = second
        status, _, html = browser.request("/framework/")
        assert status == 200 and "Sign out" in html

        # Five wrong passwords, spread over both processes, use up the one allowance they share:
        # the right password is then refused on either.
        for attempt in range(5):
            guesser = Browser(first if attempt % 2 else second)
            status, _, html = guesser.sign_in(guessed, password=f"wrong-password-{attempt}")
            assert status == 200 and "Too many failed" not in html
        status, _, html = Browser(first).sign_in(guessed)
        assert status == 200 and "Too many failed login attempts" in html

        # The reset e-mail is queued by the process that took the request, and sent by the worker.
        visitor = Browser(second)
        visitor.request("/accounts/password/reset/")
        status, _, _ = visitor.request(
            "/accounts/password/reset/", {"csrfmiddlewaretoken": visitor.csrf_token(), "email": signed_in}
        )
        assert status == 302
        assert sink.messages == []
        worker = subprocess.run(
            [sys.executable, "manage.py", "rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert worker.returncode == 0, worker.stdout + worker.stderr
        assert len(sink.messages) == 1
        assert "password/reset/key" in sink.messages[0].replace("=\r\n", "").replace("=\n", "")
