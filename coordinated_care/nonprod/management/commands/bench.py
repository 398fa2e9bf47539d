import platform

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from coordinated_care.nonprod import benchmarks
from coordinated_care.programmes.models import Enrolment


class Command(BaseCommand):
    help = "Seed synthetic data at scale (unless there is enough) and time the main pages. Prints Markdown."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=5000)
        parser.add_argument("--repeats", type=int, default=30)

    def handle(self, *args, learners, repeats, **options):
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        have = Enrolment.objects.count()
        if have < learners:
            self.stderr.write(f"seeding {learners - have} learners…")
            call_command("seed_scale", learners=learners - have, stdout=self.stderr)
        results = [benchmarks.measure(case, repeats) for case in benchmarks.cases()]
        self.stdout.write(
            f"Database: {connection.vendor}; learners: {Enrolment.objects.count()}; "
            f"Python {platform.python_version()}; {repeats} timed requests per page after warm-up.\n"
        )
        self.stdout.write("| page | median (ms) | 95th percentile (ms) | queries |")
        self.stdout.write("| --- | --- | --- | --- |")
        for result in results:
            if "error" in result:
                self.stdout.write(f"| {result['name']} | {result['error']} | | |")
            else:
                self.stdout.write(
                    f"| {result['name']} | {result['median_ms']:.1f} | {result['p95_ms']:.1f} | {result['queries']} |"
                )
        self.stdout.write(f"\nPeak memory of the process (RSS): {benchmarks.peak_rss_mib():.0f} MiB")
