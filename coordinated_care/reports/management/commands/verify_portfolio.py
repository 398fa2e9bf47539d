"""python manage.py verify_portfolio FILE

Exit 0 for a portfolio PDF the service made and nobody changed since; 1, saying why, for one that
was altered after it was made (its code is known but its hash is not) or that the service never
made."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coordinated_care.core import dates
from coordinated_care.reports.document import services


class Command(BaseCommand):
    help = "Check that a portfolio PDF is one the service made, unchanged."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file {file}.")
        verification = services.verify(data=path.read_bytes())
        if not verification.ok:
            self.stderr.write(f"{file}: {verification.result.upper()}. {verification.reason}")
            if verification.export is not None:
                export = verification.export
                self.stderr.write(
                    f"The code {export.display_code} is of the portfolio of "
                    f"{export.enrolment.learner.display_name}, made {dates.utc(export.generated_at)}."
                )
            raise SystemExit(1)
        export = verification.export
        changed = (
            "The portfolio has changed since it was made."
            if verification.changed_since
            else "The portfolio reads as it did when it was made."
        )
        self.stdout.write(
            f"{file}: GENUINE. The portfolio of {export.enrolment.learner.display_name}, made "
            f"{dates.utc(export.generated_at)} for {export.requested_by_name} (code {export.display_code}). {changed}"
        )
