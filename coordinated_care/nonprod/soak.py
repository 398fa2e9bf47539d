"""The soak run of `make soak` (docs/benchmarks.md, Soak): the service as `make serve` runs it,
driven by many concurrent clients for a long time (50 for 10 minutes by default) over a mix of the
main pages, signed in as a synthetic learner. It reports every
answer that was not a success and the memory of each gunicorn worker at the start and at the end,
sampled throughout, so that a leak shows as growth and a worker replaced or killed as a new pid.

It reuses the bench's server (`benchmarks.Server`) and load client (`loadclient.drive`); workers
are not recycled during the run (GUNICORN_MAX_REQUESTS=0), so that growth is not hidden."""

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import benchmarks, loadclient
from .benchmarks import server_workers

START_MARKER = "<!-- make soak writes from here to the end marker: edit above or below, not between -->"
END_MARKER = "<!-- end of make soak's output -->"
SAMPLE_SECONDS = 15


def process_group(group):
    """{pid: (parent pid, command line)} of the processes in process group `group`."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(fields[2]) == group:
            found[int(stat.parent.name)] = (int(fields[1]), cmdline)
    return found


def worker_memory(group):
    """{worker pid: resident memory in MiB} of gunicorn's workers (children of its master)."""
    processes = process_group(group)
    gunicorn = {pid for pid, (_, cmd) in processes.items() if "gunicorn" in cmd}
    masters = {pid for pid in gunicorn if processes[pid][0] not in gunicorn}
    memory = {}
    for pid in gunicorn - masters:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        kib = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        memory[pid] = kib / 1024
    return memory


@dataclass
class Soak:
    clients: int
    seconds: float
    workers: int
    learners: int
    pages: list
    result: loadclient.Result | None = None
    memory_start: dict = field(default_factory=dict)
    memory_end: dict = field(default_factory=dict)
    memory_peak: dict = field(default_factory=dict)

    @property
    def errors(self):
        return sum(count for status, count in self.result.statuses.items() if status != 200)


def requests_for(cast, port):
    """(page name, Request) for each page of the mix, signed in as the synthetic learner: the soak
    goes round a learner's pages, the many people's; the bench measures the staff's pages."""
    from django.urls import reverse

    learner = loadclient.Browser(port).sign_in(cast.learner.email, benchmarks.SCALE_PASSWORD)
    uuid = cast.enrolment.uuid
    mix = [
        ("learner home", reverse("learner_home")),
        ("portfolio overview", reverse("portfolios:overview", args=[uuid])),
        ("criterion page", reverse("portfolios:criterion", args=[uuid, cast.criterion_code])),
        ("case study page", reverse("portfolios:entry", args=[uuid, cast.entry.uuid])),
        ("download your data page", reverse("accounts:your_data")),
        ("`/healthz`", reverse("healthz")),
    ]
    return [(name, learner.replay("GET", path)) for name, path in mix]


def run(server, cast, *, clients, seconds, learners, log=print):
    mix = requests_for(cast, server.port)
    for name, request in mix:  # each page answers before the clock starts
        first = loadclient.drive(server.port, request, clients=1, seconds=60, warmup=0, limit=1)
        if first.statuses.get(200) != 1:
            raise RuntimeError(f"{name} answered {dict(first.statuses)} before the soak")
    server.wait_idle()
    soak = Soak(clients=clients, seconds=seconds, workers=server.workers, learners=learners, pages=[n for n, _ in mix])
    soak.memory_start = worker_memory(server.process.pid)
    soak.memory_peak = dict(soak.memory_start)
    turn = [0]
    lock = threading.Lock()
    done = threading.Event()

    def next_request(client):
        # Each client walks the mix in its own order, so that every page is in flight at once.
        with lock:
            turn[0] += 1
            index = (client + turn[0]) % len(mix)
        return mix[index][1]

    def sample():
        while not done.wait(SAMPLE_SECONDS):
            for pid, mib in worker_memory(server.process.pid).items():
                soak.memory_peak[pid] = max(soak.memory_peak.get(pid, 0), mib)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    log(f"  {clients} clients for {seconds:.0f} s over {len(mix)} pages…")
    started = time.monotonic()
    soak.result = loadclient.drive(server.port, next_request, clients=clients, seconds=seconds, warmup=0)
    done.set()
    sampler.join()
    soak.memory_end = worker_memory(server.process.pid)
    log(f"  done in {time.monotonic() - started:.0f} s: {soak.result.requests} requests, {soak.errors} not 200")
    return soak


def render(soak, *, machine, database, services, code, date, note=""):
    result = soak.result
    statuses = ", ".join(
        f"{status}: {count}" for status, count in sorted(result.statuses.items(), key=lambda item: str(item[0]))
    )
    start_total = sum(soak.memory_start.values())
    end_total = sum(soak.memory_end.values())
    replaced = sorted(set(soak.memory_start) ^ set(soak.memory_end))
    lines = [
        START_MARKER,
        "",
        "## Soak",
        "",
        f"Measured {date} by `make soak` on {machine}. Database: {database}; {services}. Code at {code}.",
        "",
        f"{soak.clients} concurrent clients (threads of `loadclient.py`) for {soak.seconds:.0f} s against `make serve` "
        f"(gunicorn, {soak.workers} {server_workers()}, never recycled during the run), "
        f"{soak.learners:,} synthetic learners, "
        f"each client going round these pages signed in as a learner: {', '.join(soak.pages)}. The staff's pages "
        "are not in the mix: the soak goes round a learner's pages, `make bench` measures the staff's.",
        "",
    ]
    if note:
        lines += [note, ""]
    lines += [
        "| requests | requests/s | p50 (ms) | p95 (ms) | answers | not 200 |",
        "| ---: | ---: | ---: | ---: | --- | ---: |",
        f"| {result.requests:,} | {result.per_second:.1f} | {result.p50_ms:.0f} | {result.p95_ms:.0f} | {statuses} | "
        f"{soak.errors} |",
        "",
        "| worker | memory at the start (MiB) | peak, sampled every 15 s (MiB) | at the end (MiB) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for pid in sorted(set(soak.memory_start) | set(soak.memory_end)):
        start = soak.memory_start.get(pid)
        end = soak.memory_end.get(pid)
        lines.append(
            f"| {pid} | {'' if start is None else f'{start:.0f}'} | {soak.memory_peak.get(pid, 0):.0f} | "
            f"{'' if end is None else f'{end:.0f}'} |"
        )
    lines += [
        f"| all workers | {start_total:.0f} | | {end_total:.0f} |",
        "",
        (
            f"Workers replaced during the run: {', '.join(map(str, replaced))}."
            if replaced
            else "No worker was replaced or restarted during the run."
        ),
        "",
        END_MARKER,
        "",
    ]
    return "\n".join(lines)


def write_docs(path, section):
    """Replace the soak section of `path` (between its markers), leaving everything else as it is."""
    benchmarks.write_docs(path, section, start=START_MARKER, end=END_MARKER)
