import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coordinated_care.frameworks.exchange import ImportRefused, import_text


class Command(BaseCommand):
    help = (
        "Read a framework file (CASE 1.0 JSON or the CSV that export_framework writes; the format is detected) "
        "as a NEW DRAFT version: of the framework that already has the file's document identifier, slug (CSV) or "
        "title, or else of a new framework. The file's document identifier and version number are kept when they "
        "are free in this installation; otherwise the draft gets a new identifier and the next number. So an "
        "export of the draft differs from the file in exactly these: the CFDocument identifier (in the CFDocument, "
        "its uri, every CFItem's CFDocumentURI and every top-level isChildOf destination), the CFDocument version, "
        "and the adoptionStatus, 'Draft' until the draft is published. A malformed or inconsistent "
        "file is refused whole, naming the line (CSV) or item identifier (CASE) at fault. "
        "FILE '-' reads standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            if file == "-":
                text = sys.stdin.read()
            else:
                with open(file, encoding="utf-8-sig") as handle:
                    text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            with transaction.atomic():
                version = import_text(text)
        except ImportRefused as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        self.stdout.write(
            f"Imported {version.items.count()} items as draft version {version.number} of "
            f"{version.framework.title} ({version.framework.slug}), identifier {version.uuid}."
        )
