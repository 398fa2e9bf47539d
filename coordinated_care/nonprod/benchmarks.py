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
import itertools
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
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
# Issue 14's pages that are not built yet: in the table, not measured.
NOT_BUILT = ("cohort dashboard", "organisation dashboard", "PDF export of a portfolio")
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
    persona: str | None = None  # "learner", "facilitator", "lead", "checker" (one a client), or nobody
    method: str = "GET"
    expect: tuple = (200,)
    form: dict | None = None
    kind: str = "page"  # "floor", "page", "feedback" (a fresh link each request), "not built"

    @property
    def built(self):
        return self.kind != "not built"


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


def cast(checkers=16, feedback_enrolments=20):
    """The first synthetic learner (there at every size, so that each page shows the same thing at
    1,000 and at 10,000 learners), their facilitator and their cohort's lead; other learners for
    the live check (its limit is per person) and the last ones for the feedback, so that the
    responses it stores change none of the pages measured."""
    from coordinated_care.portfolios.models import EvidenceLink
    from coordinated_care.programmes.models import Enrolment

    synthetic = Enrolment.objects.filter(learner__email__startswith="scale-learner-").select_related(
        "learner", "facilitator", "cohort"
    )
    enrolment = synthetic.order_by("pk").first()
    if enrolment is None:
        raise LookupError("no synthetic learners: run seed_scale first")
    link = EvidenceLink.objects.filter(entry__enrolment=enrolment).select_related("entry", "criterion")
    link = link.order_by("pk").first()
    return Cast(
        enrolment=enrolment,
        learner=enrolment.learner,
        facilitator=enrolment.facilitator,
        lead=enrolment.cohort.leads.order_by("pk").first(),
        entry=link.entry,
        criterion_code=link.criterion.code,
        checkers=[e.learner for e in synthetic.order_by("pk")[1 : checkers + 1]],
        feedback_enrolments=list(synthetic.order_by("-pk")[:feedback_enrolments]),
    )


def pages(cast):
    from django.urls import reverse

    uuid = cast.enrolment.uuid
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
    whose links work once): (count, status)."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    user = people.get(page.persona)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def send():
        if page.kind == "feedback":
            path, form = feedback_request(*links.pop())
            return client.post(path, form)
        if page.method == "POST":
            return client.post(page.path, page.form or {})
        return client.get(page.path)

    for _ in range(1 if page.kind == "feedback" else 3):
        send()
    # Counted by a wrapper: the query log a CaptureQueriesContext reads is reset by every request.
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = send()
    return len(queries), response.status_code


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
    on 127.0.0.1:`port`, in a process group of its own that stop() ends."""

    def __init__(self, *, database_url, workers, log_path, port=None):
        self.port = port or free_port()
        self.workers = workers
        self.secret_key = secrets.token_urlsafe(64)
        self.log_path = Path(log_path)
        self.database_url = database_url
        self.process = None

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
            "MEDIA_ROOT": str(bench / "media"),
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
                return self
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"make serve did not answer /healthz in {timeout} s:\n{self.log_tail()}")

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
        """SIGTERM to the server's process group (make, gunicorn's master and its workers), and
        SIGKILL to whatever of it is still there after `timeout` seconds."""
        if self.process is None:
            return
        group = self.process.pid
        try:
            os.killpg(group, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.process.poll()
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        self.process.wait(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# One size ----------------------------------------------------------------------------------------


def measure(server, page_list, people, links, *, clients, seconds, warmup, feedback_budget, log=print):
    """Drive each page of `page_list` through `server`; returns {page name: (Result or None, error)}."""
    browsers = {}
    for persona in ("learner", "facilitator", "lead"):
        if any(p.persona == persona for p in page_list):
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
            failed = result.failures(page.expect)
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


def render(report):
    out = [
        START_MARKER,
        "",
        "## Results",
        "",
        f"Measured {report.date} by `make bench` on {report.machine}. Database: {report.database}; "
        f"{report.services}. Code at {report.code}.",
        "",
        f"The service ran as `make serve` runs it (gunicorn, {report.workers} sync workers, the production "
        f"settings) on 127.0.0.1; {report.clients} concurrent clients (threads of "
        "`coordinated_care/nonprod/loadclient.py`, on the same machine) drove each page for "
        f"{report.seconds:g} s after {report.warmup:g} s of warm-up. The clients ask to keep their connections "
        "alive; gunicorn's sync workers close each one after answering, so every request opens a new "
        "connection, as it would behind a proxy that does not pool them. p50 and p95 are of the time from "
        "sending a request to reading the whole answer, queueing for a free worker included. Queries per "
        "request are counted once per page in the bench's own process, against the same database. "
        f"Targets: p95 under {TARGET_P95_MS} ms, and at least {TARGET_FLOOR_SHARE:.0%} of the floor's requests "
        "per second.",
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
        "overview, the facilitator home and the caseload, their cohort's lead for the cohort page "
        "(`seed_scale` puts 500 learners in a cohort).",
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
        "- **not built yet**: issue 14's pages that do not exist yet; measure them here once they do.",
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
