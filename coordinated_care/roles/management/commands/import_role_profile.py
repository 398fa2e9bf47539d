import sys

from django.core.management.base import BaseCommand, CommandError

from coordinated_care.roles.services import ProfileFileError, import_profile, ordered_picks


class Command(BaseCommand):
    help = (
        "Read a role profile from JSON as a NEW DRAFT profile of the organisation the file names: "
        '{"title", "organisation" (its name), "framework" (slug), "framework_version" (optional; the current '
        'published version), "purpose", "setting", "band", "hours" (optional), "picks": [{"code", '
        '"priority": "essential"|"desirable", "level": "aware"|"practising"|"leading", "tested_by": '
        '["application"|"interview"|"in post", ...]}], "duties": [...]}. The new profile\'s id is printed on the '
        "last line. A file with an unknown code, a bad priority or level or a missing field is refused whole, "
        "naming each pick at fault. FILE '-' reads standard input."
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
            profile = import_profile(text)
        except ProfileFileError as error:
            raise CommandError("Nothing was imported. " + "; ".join(error.problems)) from None
        version = profile.versions.get()
        self.stdout.write(
            f"Imported “{version.title}” for {profile.organisation.name} as a draft with "
            f"{len(ordered_picks(version))} picks, slug {profile.slug}."
        )
        self.stdout.write(str(profile.pk))
