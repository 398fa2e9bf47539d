"""What every signed-in page pays before its own work (issue 14, item 4): CPU time and queries a
request, in this process under the production settings, on the database `make bench` left
(docs/benchmarks.md, "What a signed-in page pays before its own work"):

    .venv/bin/python -m coordinated_care.nonprod.overhead --repeats 300
    .venv/bin/python -m coordinated_care.nonprod.overhead --profile "download your data" [--flat]

The rows: the floor (`/healthz/live`), `/healthz` (one query), and the cheapest signed-in page there
is, "Download your data" (a template of three paragraphs and two links: what it costs is the
session, the user, the middleware, the layout and the header's navigation), for a learner and for a
facilitator (whose header has more to it); then the two pages of the guard, the live check's POST of
the bench's paragraph and a patient's feedback answers. CPU time (`time.process_time`) rather than the
clock, since the machine is shared: the clock says what else was running."""

import argparse
import os
import sys
import time
from dataclasses import dataclass

from coordinated_care.nonprod import profile_pages


@dataclass
class Row:
    name: str
    path: str
    persona: str | None = None
    method: str = "GET"
    form: dict | None = None
    feedback: bool = False


def rows():
    from django.urls import reverse

    from coordinated_care.nonprod import benchmarks

    return [
        Row("floor: /healthz/live", reverse("healthz_live")),
        Row("/healthz (one query)", reverse("healthz")),
        Row("download your data (learner)", reverse("accounts:your_data"), "learner"),
        Row("download your data (facilitator)", reverse("accounts:your_data"), "facilitator"),
        Row(
            "confidentiality scan (live check)",
            reverse("confidentiality:check"),
            "checker",
            "POST",
            {"text": benchmarks.CHECK_TEXT},
        ),
        Row("patient feedback submit", "", method="POST", feedback=True),
    ]


def measure(row, people, links, repeats, *, profiler=None):
    """(CPU ms a request, queries a request, status) over `repeats` requests after three to warm up."""
    from django.db import connection
    from django.test import Client

    from coordinated_care.nonprod import benchmarks

    client = Client(raise_request_exception=True)
    user = people.get(row.persona)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def send():
        if row.feedback:
            path, form = benchmarks.feedback_request(*links.pop())
            # Each from its own address, as the bench sends them, so the public pages' limit is not met.
            return client.post(
                path, form, secure=True, REMOTE_ADDR=f"10.9.{len(links) % 250}.{len(links) // 250 % 250}"
            )
        if row.method == "POST":
            return client.post(row.path, row.form or {}, secure=True)
        return client.get(row.path, secure=True)

    for _ in range(3):
        send()
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        status = send().status_code
    if profiler is not None:
        profiler.start()
    started = time.process_time()
    for _ in range(repeats):
        send()
    cpu = time.process_time() - started
    if profiler is not None:
        profiler.stop()
    return cpu * 1000 / repeats, len(queries), status


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--only", action="append", help="rows whose name contains this (repeatable)")
    parser.add_argument("--profile", help="profile the row whose name contains this with pyinstrument")
    parser.add_argument("--flat", action="store_true")
    options = parser.parse_args(argv)
    # The live check's limit of 60 a minute for each person is lifted, as the bench lifts it.
    os.environ.setdefault("CONFIDENTIALITY_CHECKS_PER_MINUTE", "1000000")
    profile_pages.environment()
    import django

    django.setup()
    from coordinated_care.nonprod import benchmarks

    cast = benchmarks.cast(checkers=1, feedback_enrolments=20)
    people = {"learner": cast.learner, "facilitator": cast.facilitator, "checker": cast.checkers[0]}
    selected = [r for r in rows() if not options.only or any(word in r.name for word in options.only)]
    if options.profile:
        selected = [r for r in rows() if options.profile in r.name][:1]
        if not selected:
            parser.error(f"no row named like {options.profile!r}")
    guarded = [r for r in selected if r.persona == "checker" or r.feedback]
    if guarded:
        from coordinated_care.confidentiality.engine import get_analyzer

        get_analyzer()
    print(f"{'row':40} {'CPU ms':>8} {'queries':>8} {'status':>6}")
    for row in selected:
        repeats = options.repeats if not (row.persona == "checker" or row.feedback) else max(10, options.repeats // 10)
        links = benchmarks.feedback_links(cast, repeats + 4) if row.feedback else []
        profiler = None
        if options.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
        cpu_ms, queries, status = measure(row, people, links, repeats, profiler=profiler)
        print(f"{row.name:40} {cpu_ms:8.2f} {queries:8d} {status:6d}")
        if profiler is not None:
            print(profiler.output_text(unicode=True, flat=options.flat))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
