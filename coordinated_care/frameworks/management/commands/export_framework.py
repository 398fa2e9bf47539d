from django.core.management.base import BaseCommand, CommandError

from coordinated_care.frameworks.exchange import EXPORTERS, export_version
from coordinated_care.frameworks.models import Framework
from coordinated_care.frameworks.services import latest_version_of, only_framework


class Command(BaseCommand):
    help = (
        "Write a framework version to standard output as 1EdTech CASE 1.0 JSON (--format case) or flat CSV "
        "(--format csv). Without --version, the latest published version; without SLUG, the only framework. "
        "The output depends only on the stored data, so exporting twice gives the same bytes. CSV columns: "
        "identifier, parent, type, code, title, description; its first row after the header is the document "
        "itself (type 'document', code '<slug>/v<number>', the framework's title and description). Imported again "
        "as a new draft (import_framework), a framework exports the same except for what identifies the new "
        "version: see import_framework --help."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version selects a framework version, in place of Django's "print Django's version".
        kwargs["conflict_handler"] = "resolve"
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="The framework's slug; may be left out when there is only one.")
        parser.add_argument("--format", choices=sorted(EXPORTERS), default="case")
        parser.add_argument("--version", type=int, dest="version", help="The version number (drafts included).")

    def handle(self, *args, slug=None, format="case", version=None, **options):
        if slug is None:
            framework = only_framework()
            if framework is None:
                slugs = ", ".join(Framework.objects.values_list("slug", flat=True)) or "none"
                raise CommandError(f"Name the framework to export. Frameworks: {slugs}.")
            slug = framework.slug
        chosen = latest_version_of(slug, number=version, include_drafts=True)
        if chosen is None:
            which = f"version {version}" if version else "published version"
            raise CommandError(f"The framework {slug!r} has no {which}.")
        self.stdout.write(export_version(chosen, format), ending="")
