"""Page benchmarks at scale, run by `make bench` (docs/benchmarks.md). Speed is measured here, never
in the tests, which assert query counts instead.

For each size the runner grows the synthetic data (`seed_scale`), counts the queries of one request
to each page in this process (the test client, against the same database), starts the service as
production runs it (`make serve`: gunicorn, the production settings) on a free loopback port, signs
the right people in through the real sign-in form, and drives each page with concurrent clients for
a fixed time (`loadclient`). A view that touches neither the database nor the session
(`/healthz/live`) is driven through the same server as the floor every page is compared with."""

import contextlib
import datetime
import html
import itertools
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

from . import loadclient

ROOT = Path(__file__).resolve().parents[2]
# seed_scale gives every synthetic person this password (hashed once, in seed_scale).
SCALE_PASSWORD = "scale-password-never-used"
TARGET_P95_MS = 150
TARGET_FLOOR_SHARE = 0.25
PORTS = range(8200, 8300)
# Issue 14's pages that are not built yet: in the table, not measured (all of them are now).
NOT_BUILT = ()
# The PDFs the bench's server makes, and those this process makes to count queries: one place, so
# that the server can hand out a file made here.
MEDIA_ROOT = ROOT / "build" / "bench" / "media"
# Making a PDF is seconds of WeasyPrint: each export client waits for its own before asking again,
# and there are no more of them than task workers, so that the row is the time a person waits
# rather than a queue's length.
EXPORT_POLL_SECONDS = 0.25
EXPORT_TIMEOUT_SECONDS = 120
# The link of a made PDF in its progress page's status (reports/document/_status.jinja).
DOWNLOAD_LINK = re.compile(r'href="([^"]+/download)"')
# The public feedback form is rate-limited per address (60 in 10 minutes, in each process's cache
# without Redis): when every POST comes from the same address, the bench stays under that limit.
FEEDBACK_PER_WORKER = 30
# Behind the proxy, links enough for this many submissions a second.
FEEDBACK_LINKS_PER_SECOND = 150
START_MARKER = "<!-- make bench writes from here to the end marker: edit above or below, not between -->"
END_MARKER = "<!-- end of make bench's output -->"

# About a hundred words of synthetic case study prose that passes the guard: what the live check
# is sent while someone types (the guard's own benchmark uses a paragraph of the same length).
CHECK_TEXT = (
    "An older person living alone needed help to settle back at home after a stay in hospital. I spoke "
    "with the community nursing team, arranged a befriending service and a pharmacy review, and agreed "
    "with the practice team who would ring each week. We talked about what mattered most to them, which "
    "was getting out to the shops and keeping up with friends, and I found a volunteer driver scheme "
    "and a lunch club nearby. After a month they felt more confident at home. I learned to ask about "
    "transport and meals before discharge, and to check that everyone involved knows who to call."
)
FEEDBACK_ANSWERS = {
    "respondent": "patient",
    "needs": "5",
    "choice": "4",
    "talked": "5",
    "respect": "5",
    "feelings": "4",
    "did_well": "They listened to what mattered to me and found a lunch club I can get to on the bus.",
    "do_differently": "I would have liked a phone call a little sooner after I came home.",
    "website": "",
}


@dataclass
class Page:
    name: str
    path: str = ""
    # "learner", "facilitator", "lead", "employer", "checker" (one a client), or nobody
    persona: str | None = None
    method: str = "GET"
    expect: tuple = (200,)
    form: dict | None = None
    # "floor", "page", "feedback" (a fresh link each request), "export" (asked for, made by the task
    # queue, downloaded), "not built"
    kind: str = "page"

    @property
    def built(self):
        return self.kind != "not built"

    @property
    def succeeded(self):
        """The statuses of its results that are not failures: an export's is 200 once downloaded."""
        return (200,) if self.kind == "export" else self.expect


@dataclass
class Row:
    page: Page
    queries: int | None = None
    result: loadclient.Result | None = None
    error: str = ""


@dataclass
class Size:
    learners: int
    entries: int
    rows: list
    seeded_seconds: float = 0.0
    load_before: float = float("nan")
    load_after: float = float("nan")

    def floor(self):
        return next((row.result for row in self.rows if row.page.kind == "floor" and row.result), None)


@dataclass
class Report:
    sizes: list = field(default_factory=list)
    machine: str = ""
    database: str = ""
    services: str = ""
    workers: int = 0
    clients: int = 0
    seconds: float = 0.0
    warmup: float = 0.0
    date: str = ""
    code: str = ""
    feedback_budget: int | None = None
    tasks: str = ""  # how the background work (the PDFs) ran: Server.tasks
    export_clients: int = 0
    notes: list = field(default_factory=list)


# The people and objects the pages are opened for ------------------------------------------------


@dataclass
class Cast:
    enrolment: object
    learner: object
    facilitator: object
    lead: object
    entry: object
    criterion_code: str
    checkers: list
    feedback_enrolments: list
    employer: object = None
    icb: object = None
    download: str = ""  # the download of a made PDF of the portfolio, for its row (made_export)


def cast(checkers=16, feedback_enrolments=20):
    """The first synthetic learner (there at every size, so that each page shows the same thing at
    1,000 and at 10,000 learners), their facilitator, their cohort's lead and the employer at
    their ICB (seed_scale makes an ICB, and its employer, each time it runs, so the first learner's
    holds the learners of the first size at every size); other learners for the live check (its
    limit is per person) and the last ones for the feedback, so that the responses it stores change
    none of the pages measured."""
    from coordinated_care.accounts.models import Role, RoleAssignment
    from coordinated_care.portfolios.models import EvidenceLink
    from coordinated_care.programmes.models import Enrolment

    synthetic = Enrolment.objects.filter(learner__email__startswith="scale-learner-").select_related(
        "learner", "facilitator", "cohort", "practice__parent__parent"
    )
    enrolment = synthetic.order_by("pk").first()
    if enrolment is None:
        raise LookupError("no synthetic learners: run seed_scale first")
    link = EvidenceLink.objects.filter(entry__enrolment=enrolment).select_related("entry", "criterion")
    link = link.order_by("pk").first()
    icb = enrolment.practice.parent.parent if enrolment.practice.parent else None
    employer = RoleAssignment.objects.filter(role=Role.EMPLOYER, organisation=icb).select_related("user")
    employer = employer.order_by("pk").first()
    return Cast(
        enrolment=enrolment,
        learner=enrolment.learner,
        facilitator=enrolment.facilitator,
        lead=enrolment.cohort.leads.order_by("pk").first(),
        entry=link.entry,
        criterion_code=link.criterion.code,
        checkers=[e.learner for e in synthetic.order_by("pk")[1 : checkers + 1]],
        feedback_enrolments=list(synthetic.order_by("-pk")[:feedback_enrolments]),
        employer=employer.user if employer else None,
        icb=icb,
    )


def made_export(cast):
    """A PDF of the first learner's portfolio for the download row, asked for by them through its
    page and made here (the task run in this process, whose TASKS_BACKEND is `immediate`): the
    address of its download, also kept as cast.download."""
    from django.test import Client
    from django.urls import reverse

    client = Client(raise_request_exception=False)
    client.force_login(cast.learner, backend="django.contrib.auth.backends.ModelBackend")
    asked = client.post(reverse("portfolio_pdf", args=[cast.enrolment.uuid]))
    progress = (
        client.get(asked.get("Location", ""), headers={"HX-Request": "true"}) if asked.status_code == 302 else asked
    )
    found = DOWNLOAD_LINK.search(progress.content.decode(errors="replace"))
    if not found:
        raise RuntimeError(
            f"the PDF for the download row was not made (HTTP {asked.status_code}, then {progress.status_code}): "
            "the bench's own process makes it, with TASKS_BACKEND=immediate"
        )
    cast.download = html.unescape(found.group(1))
    return cast.download


def pages(cast):
    from django.urls import reverse

    uuid = cast.enrolment.uuid
    download = cast.download
    icb = reverse("organisation_dashboard", args=[cast.icb.uuid]) if cast.icb is not None else ""
    return [
        Page("floor: `/healthz/live`, no database", reverse("healthz_live"), kind="floor"),
        Page("`/healthz` (one query)", reverse("healthz")),
        Page("learner home", reverse("learner_home"), "learner"),
        Page("portfolio overview (facilitator)", reverse("portfolios:overview", args=[uuid]), "facilitator"),
        Page("criterion page", reverse("portfolios:criterion", args=[uuid, cast.criterion_code]), "learner"),
        Page("case study page", reverse("portfolios:entry", args=[uuid, cast.entry.uuid]), "learner"),
        Page("facilitator home", reverse("facilitator_home"), "facilitator"),
        Page("caseload", reverse("assessments:caseload"), "facilitator"),
        Page("cohort page (lead)", reverse("programmes:cohort", args=[cast.enrolment.cohort.uuid]), "lead"),
        Page(
            "confidentiality scan (live check)",
            reverse("confidentiality:check"),
            "checker",
            method="POST",
            form={"text": CHECK_TEXT},
        ),
        Page("patient feedback submit", "", method="POST", expect=(302,), kind="feedback"),
        Page("cohort dashboard (lead)", reverse("cohort_dashboard", args=[cast.enrolment.cohort.uuid]), "lead"),
        Page("organisation dashboard (ICB employer)", icb, "employer"),
        Page(
            "PDF export of a portfolio (asked to downloaded)",
            reverse("portfolio_pdf", args=[uuid]),
            "learner",
            method="POST",
            expect=(302,),
            kind="export",
        ),
        *([Page("PDF download (one made before)", download, "learner")] if download else []),
        *(Page(name, kind="not built") for name in NOT_BUILT),
    ]


# Feedback links --------------------------------------------------------------------------------


def feedback_links(cast, count):
    """`count` fresh patient feedback links, made by the learners as they would make them: [(pk, token)]."""
    from coordinated_care.feedback.models import FeedbackRequest
    from coordinated_care.feedback.services import create_requests

    links = []
    enrolments = cast.feedback_enrolments
    n = 0
    while len(links) < count:
        enrolment = enrolments[n % len(enrolments)]
        issued = create_requests(
            enrolment=enrolment,
            audience=FeedbackRequest.Audience.PATIENT,
            user=enrolment.learner,
            count=min(8, count - len(links)),
        )
        links.extend((link.request.pk, link.token) for link in issued)
        n += 1
    return links


def feedback_request(pk, token, key=None):
    """The POST a patient's browser sends with the answers form: its signed note of when the form was
    shown is made here, with the server's key, as if shown a few seconds before (the form refuses
    answers sent sooner than FEEDBACK_MIN_FILL_SECONDS after it was shown)."""
    from django.conf import settings
    from django.core import signing
    from django.urls import reverse

    from coordinated_care.feedback.forms import public

    wait = settings.FEEDBACK_MIN_FILL_SECONDS + 5
    started = signing.dumps({"r": pk, "t": int(time.time()) - wait}, key=key, salt=public.SALT)
    return reverse("feedback:answer", args=[token]), FEEDBACK_ANSWERS | {"started": started}


# Queries per request, in this process -----------------------------------------------------------


def count_queries(page, people, links):
    """The queries of one request to `page`, after three to warm it up (one for the feedback POST,
    whose links work once, and for the PDF export, which makes a PDF each time): (count, status).
    For the export, those of all it takes: the POST, the task making the PDF (run in this process),
    one look at its progress and the download."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    user = people.get(page.persona)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def send():
        if page.kind == "export":
            return _export_in_process(client, page)
        if page.kind == "feedback":
            path, form = feedback_request(*links.pop())
            return client.post(path, form)
        if page.method == "POST":
            return client.post(page.path, page.form or {})
        return client.get(page.path)

    for _ in range(1 if page.kind in ("feedback", "export") else 3):
        send()
    # Counted by a wrapper: the query log a CaptureQueriesContext reads is reset by every request.
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = send()
    return len(queries), response.status_code


def _export_in_process(client, page):
    """Ask for a PDF, look at its progress as the page's script does and download it: the status of
    the first answer that is not what it should be, or of the POST when all were."""
    asked = client.post(page.path)
    if asked.status_code not in page.expect:
        return asked
    progress = client.get(asked["Location"], headers={"HX-Request": "true"})
    found = DOWNLOAD_LINK.search(progress.content.decode())
    if progress.status_code != 200 or not found:
        return progress
    downloaded = client.get(html.unescape(found.group(1)))
    # Read to the end, as a browser would: the test client closes the file once it is read, with
    # the database left open. Closing the response again would send request_finished and close the
    # connection under a test's transaction (PostgreSQL; SQLite's in-memory one ignores it).
    downloaded.getvalue()
    return asked if downloaded.status_code == 200 else downloaded


# The server ------------------------------------------------------------------------------------


def free_port(ports=PORTS):
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind((loadclient.LOOPBACK, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


class Server:
    """`make serve` (check --deploy, collectstatic, migrate, then gunicorn with the production settings)
    on 127.0.0.1:`port`, in a process group of its own that stop() ends; and, with `task_workers`
    and Redis, that many of production's task workers (`manage.py rqworker`, TASKS_BACKEND=rq,
    docs/deployment.md), each in a process group of its own too. Without them the background work
    (the PDFs) runs in the request's own process, as TASKS_BACKEND=immediate does."""

    def __init__(self, *, database_url, workers, log_path, port=None, task_workers=0):
        self.port = port or free_port()
        self.workers = workers
        self.secret_key = secrets.token_urlsafe(64)
        self.log_path = Path(log_path)
        self.database_url = database_url
        self.task_workers = task_workers if os.environ.get("REDIS_URL") else 0
        self.process = None
        self.task_processes = []

    @property
    def tasks(self):
        """How the server's background work ran, in words for the report."""
        if self.task_workers:
            plural = "process" if self.task_workers == 1 else "processes"
            return f"by {self.task_workers} `rqworker` {plural} (TASKS_BACKEND=rq, as in production)"
        return "in the request's own process (TASKS_BACKEND=immediate: no Redis, unlike production)"

    def environment(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "MAKE", "MFLAGS"))}
        bench = ROOT / "build" / "bench"
        return env | {
            "SECRET_KEY": self.secret_key,
            "AUDIT_SEAL_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": loadclient.LOOPBACK,
            "SITE_URL": f"https://{loadclient.LOOPBACK}",
            "DATABASE_URL": self.database_url,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "HOST": loadclient.LOOPBACK,
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(self.workers),
            # As behind production's load balancer: the visitor's address is the last X-Forwarded-For hop.
            "TRUSTED_PROXY_COUNT": "1",
            # The live check allows a person 60 a minute; a client sends that many in a second or
            # two, so the bench lifts the limit to measure the guard rather than the refusals.
            "CONFIDENTIALITY_CHECKS_PER_MINUTE": "1000000",
            "STATIC_ROOT": str(bench / "static"),
            "MEDIA_ROOT": str(MEDIA_ROOT),
            "TASKS_BACKEND": "rq" if self.task_workers else "immediate",
        }

    def start(self, timeout=300):
        if os.environ.get("REDIS_URL"):
            # The bench's own Redis database: this run's rate limits and sessions start from nothing.
            from django.core.cache import cache

            cache.clear()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [shutil.which("make") or "make", "--no-print-directory", "serve"],
            cwd=ROOT,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"make serve stopped ({self.process.returncode}):\n{self.log_tail()}")
            if self.answers("/healthz"):
                self._start_task_workers()
                return self
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"make serve did not answer /healthz in {timeout} s:\n{self.log_tail()}")

    def _start_task_workers(self):
        """Production's worker command, once make serve has migrated the database."""
        env = self.environment() | {"DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.production"}
        python = ROOT / ".venv" / "bin" / "python"
        command = [str(python) if python.exists() else "python", "manage.py", "rqworker"]
        command += ["--job-class", "django_tasks_rq.Job", "default"]
        for n in range(self.task_workers):
            log = self.log_path.with_name(f"{self.log_path.stem}-rqworker-{n}.log").open("w")
            self.task_processes.append(
                subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            )
            log.close()

    def answers(self, path):
        try:
            status, _, _ = loadclient.Browser(self.port).request("GET", path)
        except OSError:
            return False
        return status == 200

    def wait_idle(self, timeout=90, quick_ms=100):
        """Until every worker is free again: a slow page's queued requests are still answered after
        its clients have given up on them, and would be counted against the next page. As many
        requests to the floor at once as there are workers, each answered within `quick_ms`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            probe = loadclient.drive(
                self.port,
                loadclient.Request("GET", "/healthz/live"),
                clients=self.workers,
                limit=self.workers,
                warmup=0,
            )
            if probe.statuses.get(200) == self.workers and max(probe.latencies_ms) < quick_ms:
                return True
            time.sleep(0.5)
        return False

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout=40):
        """SIGTERM to the server's process group (make, gunicorn's master and its workers) and to
        each task worker's, and SIGKILL to whatever of them is still there after `timeout` seconds."""
        for process in [*self.task_processes, self.process]:
            if process is not None:
                stop_group(process, timeout)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def stop_group(process, timeout):
    """SIGTERM to the process group `process` leads, then SIGKILL to whatever of it is still there
    after `timeout` seconds."""
    group = process.pid
    try:
        os.killpg(group, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        process.poll()
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    process.wait(timeout=10)


# One size ----------------------------------------------------------------------------------------


def measure(server, page_list, people, links, *, clients, seconds, warmup, feedback_budget, log=print):
    """Drive each page of `page_list` through `server`; returns {page name: (Result or None, error)}."""
    browsers = {}
    for persona in ("learner", "facilitator", "lead", "employer"):
        if any(p.persona == persona for p in page_list) and people.get(persona) is not None:
            browsers[persona] = loadclient.Browser(server.port).sign_in(people[persona].email, SCALE_PASSWORD)
    checkers = []
    if any(p.persona == "checker" for p in page_list):
        for user in people["checkers"][:clients]:
            checkers.append(loadclient.Browser(server.port).sign_in(user.email, SCALE_PASSWORD))
    outcomes = {}
    for page in page_list:
        if not page.built:
            continue
        log(f"    {page.name}")
        server.wait_idle()
        if page.kind == "feedback":
            outcomes[page.name] = _drive_feedback(server, page, links, clients, seconds, warmup, feedback_budget)
            continue
        if page.kind == "export":
            outcomes[page.name] = _drive_exports(
                server,
                page,
                browsers["learner"],
                clients=export_clients(server, clients),
                seconds=seconds,
                warmup=warmup,
            )
            continue
        if page.persona == "checker":
            requests = [b.replay(page.method, page.path, page.form) for b in checkers]
        else:
            browser = browsers.get(page.persona) or loadclient.Browser(server.port)
            requests = [browser.replay(page.method, page.path, page.form)]
        for _ in range(3):  # a worker replaced after a timeout may refuse the first connection
            first = loadclient.drive(server.port, requests[0], clients=1, seconds=30, warmup=0, limit=1)
            status = next(iter(first.statuses), "error")
            if status != "error":
                break
            server.wait_idle()
        if status not in page.expect:
            outcomes[page.name] = (None, f"HTTP {status} over HTTP")
            continue
        result = loadclient.drive(
            server.port,
            lambda client, requests=requests: requests[client % len(requests)],
            clients=clients,
            seconds=seconds,
            warmup=warmup,
        )
        outcomes[page.name] = (result, "")
    return outcomes


def proxied():
    """Whether the service takes a visitor's address from X-Forwarded-For behind a trusted proxy
    (TRUSTED_PROXY_COUNT), as production behind its load balancer does. Then every patient can
    come from an address of their own, as they do, and the public pages' per-address limit is
    spent only as it would be."""
    from django.conf import settings

    return hasattr(settings, "TRUSTED_PROXY_COUNT")


def feedback_plan(*, seconds, warmup, workers):
    """(budget, links): how many feedback POSTs may be sent (None: as many as the time allows) and
    how many fresh links to make for them."""
    if proxied():
        return None, int(FEEDBACK_LINKS_PER_SECOND * (seconds + warmup))
    # Every POST from one address: without Redis, each worker counts the limit in its own cache.
    budget = FEEDBACK_PER_WORKER * (1 if os.environ.get("REDIS_URL") else workers)
    return budget, budget


def _drive_feedback(server, page, links, clients, seconds, warmup, budget):
    """A fresh link for every POST, from an address of its own behind the proxy (or, when the service
    cannot be told the address, no more POSTs than the per-address limit lets through)."""
    pool = list(links if budget is None else links[:budget])
    addresses = itertools.count(1)
    # A patient's browser has the CSRF cookie of the pages before the answers form; any page's will
    # do (the sign-in page's, so that the public pages' limit is spent on the answers alone).
    browser = loadclient.Browser(server.port)
    browser.request("GET", "/accounts/login/")
    token_field = {"csrfmiddlewaretoken": browser.cookie("csrftoken") or ""}

    def next_request(client):
        try:
            pk, token = pool.pop()
        except IndexError:
            return None
        path, form = feedback_request(pk, token, key=server.secret_key)
        request = browser.replay("POST", path, form | token_field)
        if budget is None:
            n = next(addresses)
            request.headers["X-Forwarded-For"] = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
        return request

    warm = 1 if budget is None else max(2, budget // 15)
    first = loadclient.drive(server.port, next_request, clients=min(clients, warm), seconds=30, warmup=0, limit=warm)
    if first.failures(page.expect):
        return None, f"HTTP {', '.join(map(str, first.statuses))} over HTTP"
    if budget is None:
        return loadclient.drive(server.port, next_request, clients=clients, seconds=seconds, warmup=warmup), ""
    return loadclient.drive(server.port, next_request, clients=clients, seconds=seconds, warmup=0), ""


def export_clients(server, clients):
    """As many clients asking for PDFs as there are task workers to make them (two when the PDFs
    are made in the web workers' own processes), and never more than the bench's clients."""
    return max(1, min(clients, server.task_workers or 2))


class ExportFailed(Exception):
    pass


def export_once(browser, page, *, poll=EXPORT_POLL_SECONDS, timeout=EXPORT_TIMEOUT_SECONDS):
    """Ask for the PDF as the learner's browser does (the form's POST), follow its progress page's
    status (htmx asks every 2 s; this every `poll` s, so that the time is when it was ready rather
    than when a browser would have looked) and download it: the number of requests it took. Raises
    ExportFailed with what went wrong."""
    token = {"csrfmiddlewaretoken": browser.cookie("csrftoken") or ""}
    status, headers, _ = browser.request("POST", page.path, token)
    if status not in page.expect:
        raise ExportFailed(f"HTTP {status}")
    progress = headers.get("Location", "")
    requests = 1
    deadline = time.monotonic() + timeout
    while True:
        status, _, text = browser.request("GET", progress, headers={"HX-Request": "true"})
        requests += 1
        found = DOWNLOAD_LINK.search(text)
        if status != 200:
            raise ExportFailed(f"HTTP {status}")
        if found:
            break
        if "could not be made" in text:
            raise ExportFailed("failed")
        if time.monotonic() > deadline:
            raise ExportFailed("timed out")
        time.sleep(poll)
    status, headers, _ = browser.request("GET", html.unescape(found.group(1)))
    if status != 200 or headers.get("Content-Type") != "application/pdf":
        raise ExportFailed(f"HTTP {status}")
    return requests + 1


def _drive_exports(server, page, signed_in, *, clients, seconds, warmup):
    """`clients` threads, each asking for the learner's PDF and waiting for it to be downloadable
    before asking again, for `seconds` after `warmup`: a Result whose latencies are those of whole
    exports (from the POST to the PDF's last byte) and whose statuses are 200 for each one
    downloaded, or what went wrong."""
    try:
        export_once(_browser_like(signed_in), page)  # the first loads WeasyPrint and the fonts
    except ExportFailed as failed:
        return None, f"{failed} over HTTP"
    started = time.perf_counter()
    measure_from, stop_at = started + warmup, started + warmup + seconds
    lock = threading.Lock()
    latencies, statuses, finished, sent = [], Counter(), [measure_from], [0]

    def client():
        browser = _browser_like(signed_in)
        while time.perf_counter() < stop_at:
            begun = time.perf_counter()
            try:
                requests, status = export_once(browser, page), 200
            except ExportFailed as failed:
                requests, status = 0, str(failed)
            except OSError:
                requests, status = 0, "error"
            ended = time.perf_counter()
            if ended >= measure_from:
                with lock:
                    latencies.append((ended - begun) * 1000)
                    statuses[status] += 1
                    finished.append(ended)
                    sent[0] += requests

    cpu = time.process_time()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + warmup + EXPORT_TIMEOUT_SECONDS * 2)
    cpu = time.process_time() - cpu
    result = loadclient.Result(latencies, statuses, max(finished) - measure_from, cpu, sent[0], clients)
    return result, ""


def _browser_like(browser):
    """A browser of its own (one a thread) holding `browser`'s cookies: the same person signed in."""
    copy = loadclient.Browser(browser.port)
    copy.cookies = dict(browser.cookies)
    return copy


# The report -----------------------------------------------------------------------------------------


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = model.group(1).strip() if model else cpu
        kib = int(re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.M).group(1))
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        memory = ""
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def database():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        return f"PostgreSQL {version} (database {connection.settings_dict['NAME']})"
    return f"{connection.vendor} ({connection.settings_dict['NAME']})"


def services():
    """What the server had besides its database, as production has them."""
    redis = os.environ.get("REDIS_URL")
    cache = (
        f"Redis ({redis.rsplit('@', 1)[-1]}) for the cache, the sessions' cache and the rate limits"
        if redis
        else "no Redis (each worker had its own cache and rate limits, unlike production)"
    )
    age = os.environ.get("DATABASE_CONN_MAX_AGE")
    connections = (
        f"DATABASE_CONN_MAX_AGE={age}" if age else "database connections kept open (production's DATABASE_CONN_MAX_AGE)"
    )
    return f"{cache}; {connections}"


def code_version():
    try:
        git = ["git", "--no-optional-locks"]  # never touch the index of a tree others are working in
        head = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            [*git, "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}, with uncommitted changes" if changed else head


def _ms(value):
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _rate(value):
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def load_average():
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def table(size):
    floor = size.floor()
    lines = [
        "| page | p50 (ms) | p95 (ms) | requests/s | requests | queries/request | share of floor | failed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in size.rows:
        page, result = row.page, row.result
        queries = "" if row.queries is None else str(row.queries)
        if not page.built:
            lines.append(f"| {page.name} | not built yet | | | | | | |")
        elif result is None or not result.requests:
            lines.append(f"| {page.name} | {row.error or 'no answer'} | | | | {queries} | | |")
        else:
            share = f"{result.per_second / floor.per_second:.0%}" if floor and floor.per_second else ""
            failed = result.failures(page.succeeded)
            failed = f"{failed} of {result.requests:,}" if failed else "0"
            lines.append(
                f"| {page.name} | {_ms(result.p50_ms)} | {_ms(result.p95_ms)} | {_rate(result.per_second)} | "
                f"{result.requests:,} | {queries} | {share} | {failed} |"
            )
    return "\n".join(lines)


def below_targets(size):
    """The measured pages that miss either target, each with the figures that miss it."""
    floor = size.floor()
    misses = []
    for row in size.rows:
        if row.page.kind not in ("page", "feedback") or row.result is None or not row.result.requests:
            continue
        reasons = []
        if row.result.p95_ms >= TARGET_P95_MS:
            reasons.append(f"p95 {_ms(row.result.p95_ms)} ms")
        if floor and floor.per_second and row.result.per_second / floor.per_second < TARGET_FLOOR_SHARE:
            reasons.append(f"{row.result.per_second / floor.per_second:.0%} of the floor")
        if reasons:
            misses.append(f"{row.page.name} ({', '.join(reasons)})")
    return misses


def query_differences(sizes):
    """Pages whose queries per request differ between the sizes: [(name, {learners: queries})]."""
    counts = {}
    for size in sizes:
        for row in size.rows:
            if row.queries is not None:
                counts.setdefault(row.page.name, {})[size.learners] = row.queries
    return [(name, by_size) for name, by_size in counts.items() if len(set(by_size.values())) > 1]


def server_workers():
    """How gunicorn's workers answer, as config/gunicorn.py chooses from the environment."""
    threads = int(os.environ.get("GUNICORN_THREADS", 1))
    if threads > 1:
        return f"processes of {threads} threads each (gthread, keep-alive)"
    return "sync workers (each connection closed after its answer)"


def render(report):
    out = [
        START_MARKER,
        "",
        "## Results",
        "",
        f"Measured {report.date} by `make bench` on {report.machine}. Database: {report.database}; "
        f"{report.services}. Code at {report.code}.",
        "",
        f"The service ran as `make serve` runs it (gunicorn, {report.workers} {server_workers()}, the "
        f"production settings) on 127.0.0.1; {report.clients} concurrent clients (threads of "
        "`coordinated_care/nonprod/loadclient.py`, on the same machine) drove each page for "
        f"{report.seconds:g} s after {report.warmup:g} s of warm-up. The clients keep their connections "
        "alive, as the proxy in front of production does. p50 and p95 are of the time from "
        "sending a request to reading the whole answer, queueing for a free worker included. Queries per "
        "request are counted once per page in the bench's own process, against the same database. "
        f"Targets: p95 under {TARGET_P95_MS} ms, and at least {TARGET_FLOOR_SHARE:.0%} of the floor's requests "
        "per second." + (f" The PDFs were made {report.tasks}." if report.tasks else ""),
        "",
    ]
    for size in report.sizes:
        out += [
            f"### {size.learners:,} learners ({size.entries:,} case studies)",
            "",
            table(size),
            "",
        ]
        misses = below_targets(size)
        out.append(f"Below the targets: {'; '.join(misses)}." if misses else "Every page measured meets both targets.")
        floor = size.floor()
        if floor:
            out.append(
                f"The load client itself used {floor.client_cpu_share:.1f} of a core while driving the floor "
                f"({floor.connections:,} connections for {floor.requests:,} requests)."
            )
        out.append(
            f"Load average (1 minute) {size.load_before:.1f} before driving the pages and {size.load_after:.1f} "
            f"after, on {os.cpu_count()} cores: anything above the server's own share was other work on the machine."
        )
        if size.seeded_seconds:
            out.append(f"Seeding the learners for this size took {size.seeded_seconds:.0f} s.")
        out.append("")
    out += ["### Queries per request at each size", ""]
    if len(report.sizes) < 2:
        out.append("Only one size was measured: nothing to compare.")
    else:
        differences = query_differences(report.sizes)
        sizes = " and ".join(f"{s.learners:,}" for s in report.sizes)
        if differences:
            out.append(f"**They must be equal at {sizes} learners, and differ for:**")
            out += [
                f"- {name}: " + ", ".join(f"{q} at {n:,}" for n, q in by_size.items()) for name, by_size in differences
            ]
        else:
            out.append(f"Equal at {sizes} learners for every page, as they must be.")
    first = report.sizes[0].learners if report.sizes else 0
    out += [
        "",
        "### What each row measures",
        "",
        "- **floor**: `GET /healthz/live`, a constant answer with no database and no session: what the "
        "server, the middleware and the load client cost on their own.",
        "- **`/healthz`**: one `SELECT 1` (and the check of a kept-open connection before it is reused): "
        "what a page pays for its database before it asks anything.",
        "- The pages are those of the first synthetic learner (there at every size), signed in through the "
        "sign-in form: the learner for their home, the criterion and the case study, their facilitator for the "
        "overview, the facilitator home and the caseload, their cohort's lead for the cohort page and the cohort "
        "dashboard (its first page of 50 learners; `seed_scale` puts 500 learners in a cohort).",
        "- **organisation dashboard**: the ICB of the first synthetic learner, opened by the employer there "
        "(its commissioner, signed in with the second factor as the other staff are): every learner's stored "
        "progress facts under it, for its totals and clusters. `seed_scale` makes an ICB each time it runs, so "
        f"this ICB holds the {first:,} learners of the first size at every size: a page of the same organisation "
        "with more data around it, as the other rows are.",
        "- **PDF export of a portfolio (asked to downloaded)**: the first learner's PDF (six case studies, each "
        "linked to a criterion) as they get it: the POST of the page's form, the progress page's status asked "
        f"for every {EXPORT_POLL_SECONDS:g} s until the PDF is ready (a browser asks every 2 s, so a person "
        "sees it up to 2 s later), then the download. p50 and p95 are of the whole, from the POST to the "
        "PDF's last byte; requests and requests/s are of PDFs; queries are those of the whole (the POST, the "
        "task making the PDF, run in the bench's process, one look at the progress and the download). The PDF "
        f"is made {report.tasks or 'by the task queue'}, and {report.export_clients or 'a few'} clients ask, each "
        "waiting for its PDF before asking again (as many as there are task workers; two when the web workers "
        "make the PDFs), so that the time is what a person waits rather than a queue's length. The page targets "
        "are not this row's: issue 10's is a PDF "
        "of the demo portfolio in under 3 s (docs/benchmarks.md, The portfolio PDF).",
        "- **PDF download (one made before)**: the GET of a PDF of the first learner's portfolio that the bench "
        "made before starting the server, by the learner who asked for it: reading the file from storage "
        "and handing it out, with the page's checks.",
        "- **confidentiality scan**: the live check's POST of a 100-word paragraph, one learner per client "
        "(its limit of 60 a minute for each person is lifted for the bench, which sends that many in a second or two; "
        "a 429 would show under failed).",
        "- **patient feedback submit**: the POST of the patient form's answers (five answers, two free-text "
        "answers checked by the guard, the response saved and the link spent), a fresh link each time. Its "
        "signed note of when the form was shown is made by the bench with the server's key, as if the form "
        "had been opened a few seconds earlier, instead of by two more requests. "
        + (
            "Each POST comes from an address of its own, as the load balancer in front of production reports it "
            "(`X-Forwarded-For`, `TRUSTED_PROXY_COUNT=1`), so the public pages' limit of 60 requests an address "
            "in 10 minutes is counted as it would be for real patients."
            if report.feedback_budget is None
            else "Every POST comes from 127.0.0.1 and the public pages allow 60 requests an address in 10 "
            f"minutes, so this row sends {report.feedback_budget} at most, all at once, rather than for a "
            "fixed time."
        ),
        *(
            ["- **not built yet**: issue 14's pages that do not exist yet; measure them here once they do."]
            if NOT_BUILT
            else []
        ),
        "",
    ]
    if report.notes:
        out += [*report.notes, ""]
    out.append(END_MARKER)
    return "\n".join(out) + "\n"


def write_docs(path, section, start=START_MARKER, end=END_MARKER):
    """Replace the generated section of `path` (between the markers `start` and `end`: each
    generator has its own), leaving the rest as written."""
    path = Path(path)
    text = path.read_text() if path.exists() else ""
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    path.write_text(text)


def today():
    return datetime.date.today().isoformat()
