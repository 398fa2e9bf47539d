"""python manage.py export_portfolio ENROLMENT_ID --format pdf --output FILE

The whole portfolio of one enrolment (its id or uuid) as one PDF, recorded like every other so
that `verify_portfolio` and /verify/ know it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coordinated_care.reports.document import services


class Command(BaseCommand):
    help = "Write the whole portfolio of an enrolment (id or uuid) as one PDF."

    def add_arguments(self, parser):
        parser.add_argument("enrolment", metavar="ENROLMENT_ID", help="the enrolment's id or uuid")
        parser.add_argument("--format", choices=["pdf"], default="pdf")
        parser.add_argument("--output", required=True, metavar="FILE", help="where to write the PDF")

    def handle(self, *args, enrolment, output, **options):
        found = services.enrolment_for_command(enrolment)
        if found is None:
            raise CommandError(f"No enrolment {enrolment!r}: give its id or its uuid.")
        try:
            export, data = services.export_now(found)
        except Exception as error:
            raise CommandError(f"The PDF could not be made: {error}") from error
        Path(output).write_bytes(data)
        self.stdout.write(
            f"Wrote the portfolio of {found.learner.display_name} to {output} "
            f"({len(data):,} bytes, verification code {export.display_code}, SHA-256 {export.sha256})."
        )
