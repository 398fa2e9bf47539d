import json
import sys

from django.core.management.base import BaseCommand, CommandError

from coordinated_care.roles.documents import KINDS, build, render_docx, render_pdf, source_for
from coordinated_care.roles.services import export_data, find_profile
from coordinated_care.roles.services.exchange import version_of


class Command(BaseCommand):
    help = (
        "Write a role profile (by id or slug): --format json writes what import_role_profile reads "
        "(a round trip changes nothing); with --document KIND, --format docx or pdf writes that document. "
        "The version is the profile's current published version, or its draft when it was never published, "
        "unless --profile-version says which."
    )

    def add_arguments(self, parser):
        parser.add_argument("profile", metavar="ID_OR_SLUG")
        parser.add_argument("--format", choices=["json", "docx", "pdf"], default="json")
        parser.add_argument("--document", choices=list(KINDS))
        parser.add_argument("--profile-version", type=int, dest="number", help="the version number (default: current)")
        parser.add_argument("--output", help="the file to write (default: standard output)")
        parser.add_argument(
            "--candidates", type=int, default=1, help="interview plan: scoring sheets to print (1 to 30)"
        )

    def handle(self, *args, profile, format, document, number, output, candidates, **options):
        found = find_profile(profile)
        if found is None:
            raise CommandError(f"No role profile has the id or slug {profile!r}.")
        version = version_of(found, number)
        if version is None:
            raise CommandError(f"{found.slug} has no version {number}.")
        if format == "json":
            if document:
                raise CommandError("--document needs --format docx or pdf.")
            data = (json.dumps(export_data(version), indent=2, ensure_ascii=False) + "\n").encode()
        else:
            if not document:
                raise CommandError(f"--format {format} needs --document, one of: {', '.join(KINDS)}.")
            built = build(document, source_for(version), candidates=candidates)
            data = render_docx(built) if format == "docx" else render_pdf(built)
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
        elif format == "json":
            self.stdout.write(data.decode(), ending="")
        else:
            sys.stdout.buffer.write(data)
