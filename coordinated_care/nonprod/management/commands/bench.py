import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from coordinated_care.nonprod import benchmarks


class Command(BaseCommand):
    help = (
        "Seed synthetic learners at each size, serve them as production does (make serve) and drive the main "
        "pages with concurrent clients; writes the tables in Markdown (docs/benchmarks.md). Run by `make bench`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, nargs="+", default=[1000, 10000], help="The sizes, smallest first.")
        parser.add_argument("--clients", type=int, default=16)
        parser.add_argument("--seconds", type=float, default=10.0, help="How long each page is driven.")
        parser.add_argument("--warmup", type=float, default=2.0, help="Seconds of each page not recorded.")
        parser.add_argument(
            "--workers",
            type=int,
            default=2 * (os.cpu_count() or 1),
            help="gunicorn's processes (two a core, as config/gunicorn.py).",
        )
        parser.add_argument(
            "--task-workers",
            type=int,
            default=os.cpu_count() or 1,
            help="rqworker processes making the PDFs, as in production (with Redis; without, the web workers do).",
        )
        parser.add_argument("--only", default="", help="Only the pages whose name contains this (and the floor).")
        parser.add_argument("--output", default="build/benchmarks-latest.md")
        parser.add_argument(
            "--docs",
            default="docs/benchmarks.md",
            help="The file whose results section is replaced; empty (--docs '') to write only --output.",
        )

    def handle(self, *args, learners, output, docs, **options):
        self.database_url = os.environ.get("DATABASE_URL")
        if not self.database_url:
            raise CommandError("Set DATABASE_URL (make bench chooses one): the server must use the same database.")
        if sorted(learners) != learners or learners[0] < 1:
            raise CommandError("--learners takes the sizes smallest first.")
        self.options = options
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # The PDFs made in this process (the download row's, those counting the export's queries)
        # where the server reads them.
        settings.MEDIA_ROOT = str(benchmarks.MEDIA_ROOT)
        call_command("migrate", interactive=False, verbosity=0)
        self.feedback_budget, self.feedback_links = benchmarks.feedback_plan(
            seconds=options["seconds"], warmup=options["warmup"], workers=options["workers"]
        )
        report = benchmarks.Report(
            machine=benchmarks.machine(),
            database=benchmarks.database(),
            services=benchmarks.services(),
            workers=options["workers"],
            clients=options["clients"],
            seconds=options["seconds"],
            warmup=options["warmup"],
            date=benchmarks.today(),
            code=benchmarks.code_version(),
            feedback_budget=self.feedback_budget,
        )
        self.report = report
        started = time.perf_counter()
        for size in learners:
            report.sizes.append(self._size(size))
        self.log(f"The whole run took {time.perf_counter() - started:.0f} s.")
        section = benchmarks.render(report)
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(section)
        if docs:
            benchmarks.write_docs(docs, section)
        self.stdout.write(section)

    def log(self, text):
        self.stderr.write(text)

    def _size(self, size):
        from coordinated_care.portfolios.models import Entry
        from coordinated_care.programmes.models import Enrolment

        options = self.options
        have = Enrolment.objects.count()
        if have > size:
            raise CommandError(
                f"The database already holds {have} learners, more than {size}: start from an empty one "
                "(make bench does)."
            )
        seeded = 0.0
        if have < size:
            self.log(f"Seeding {size - have} learners to make {size}…")
            started = time.perf_counter()
            call_command("seed_scale", learners=size - have, stdout=self.stderr)
            seeded = time.perf_counter() - started
            self.log(f"  seeded in {seeded:.0f} s")
        cast = benchmarks.cast(checkers=options["clients"])
        people = {
            "learner": cast.learner,
            "facilitator": cast.facilitator,
            "lead": cast.lead,
            "employer": cast.employer,
            "checker": (cast.checkers or [cast.learner])[0],
            "checkers": cast.checkers or [cast.learner],
        }
        only = options["only"]
        if not only or only in "PDF download (one made before)":
            self.log("Making a PDF for the download row…")
            benchmarks.made_export(cast)
        chosen = [p for p in benchmarks.pages(cast) if not only or p.kind in ("floor", "not built") or only in p.name]
        # Two more links for counting the queries in this process (one to warm up, one counted).
        wants_feedback = any(p.kind == "feedback" for p in chosen)
        links = benchmarks.feedback_links(cast, self.feedback_links + 2) if wants_feedback else []
        self.log(f"Counting queries at {size} learners…")
        rows = []
        for page in chosen:
            row = benchmarks.Row(page)
            if page.built:
                row.queries, status = benchmarks.count_queries(page, people, links)
                if status not in page.expect:
                    row.error = f"HTTP {status} in process"
            rows.append(row)
        self.log(f"Starting make serve with {options['workers']} workers…")
        server = benchmarks.Server(
            database_url=self.database_url,
            workers=options["workers"],
            log_path=benchmarks.ROOT / "build" / "bench" / f"server-{size}.log",
            task_workers=options["task_workers"],
        )
        self.report.tasks = server.tasks
        self.report.export_clients = benchmarks.export_clients(server, options["clients"])
        with server:
            self.log(f"  process group {server.process.pid}, 127.0.0.1:{server.port}; driving the pages:")
            load_before = benchmarks.load_average()
            outcomes = benchmarks.measure(
                server,
                [row.page for row in rows if not row.error],
                people,
                links,
                clients=options["clients"],
                seconds=options["seconds"],
                warmup=options["warmup"],
                feedback_budget=self.feedback_budget,
                log=self.log,
            )
            load_after = benchmarks.load_average()
        self.log(f"  process group {server.process.pid} stopped.")
        for row in rows:
            if row.page.name in outcomes:
                row.result, error = outcomes[row.page.name]
                row.error = row.error or error
        return benchmarks.Size(
            learners=size,
            entries=Entry.objects.filter(kind=Entry.Kind.CASE_STUDY).count(),
            rows=rows,
            seeded_seconds=seeded,
            load_before=load_before,
            load_after=load_after,
        )
