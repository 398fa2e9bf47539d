import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from coordinated_care.nonprod import benchmarks, soak


class Command(BaseCommand):
    help = (
        "Serve synthetic learners as production does (make serve) and drive a mix of the main pages with many "
        "concurrent clients for a long time, reporting answers that were not 200 and the workers' memory at the "
        "start and end (docs/benchmarks.md, Soak). Run by `make soak`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=1000)
        parser.add_argument("--clients", type=int, default=50)
        parser.add_argument("--seconds", type=float, default=600.0)
        parser.add_argument(
            "--workers",
            type=int,
            default=2 * (os.cpu_count() or 1),
            help="gunicorn's processes (two a core, as config/gunicorn.py).",
        )
        parser.add_argument("--note", default="", help="A sentence written above the figures (why a run was shorter).")
        parser.add_argument("--output", default="build/soak-latest.md")
        parser.add_argument("--docs", default="docs/benchmarks.md", help="The file whose Soak section is replaced.")

    def handle(self, *args, learners, clients, seconds, workers, note, output, docs, **options):
        from coordinated_care.programmes.models import Enrolment

        database_url = os.environ.get("DATABASE_URL")
        if not database_url:
            raise CommandError("Set DATABASE_URL (make soak chooses one): the server must use the same database.")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        call_command("migrate", interactive=False, verbosity=0)
        have = Enrolment.objects.filter(learner__email__startswith="scale-learner-").count()
        if have < learners:
            self.stderr.write(f"Seeding {learners - have} learners…")
            call_command("seed_scale", learners=learners - have, stdout=self.stderr)
        cast = benchmarks.cast()
        # Sign-in asks for a confirmed address (ADR 11): the synthetic learner's is confirmed here.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=cast.learner, email=cast.learner.email, defaults={"verified": True, "primary": True}
        )
        server = benchmarks.Server(
            database_url=database_url, workers=workers, log_path=benchmarks.ROOT / "build" / "soak" / "server.log"
        )
        # Workers are never replaced during the soak, so that a leak shows as growth.
        os.environ["GUNICORN_MAX_REQUESTS"] = "0"
        # Production asks for the site's address (links in e-mails); the soak sends none.
        os.environ.setdefault("SITE_URL", "https://127.0.0.1")
        self.stderr.write(f"Starting make serve with {workers} workers…")
        with server:
            result = soak.run(server, cast, clients=clients, seconds=seconds, learners=learners, log=self.stderr.write)
        section = soak.render(
            result,
            machine=benchmarks.machine(),
            database=benchmarks.database(),
            services=benchmarks.services(),
            code=benchmarks.code_version(),
            date=benchmarks.today(),
            note=note,
        )
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(section)
        if docs:
            soak.write_docs(docs, section)
        self.stdout.write(section)
        if result.errors:
            raise CommandError(f"{result.errors} answers were not 200 (see {output} and build/soak/server.log).")
