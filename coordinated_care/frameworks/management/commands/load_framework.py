from django.core.management.base import BaseCommand

from coordinated_care.frameworks.services import load_shipped_framework


class Command(BaseCommand):
    help = (
        "Load the shipped framework, Making sense of Coordinated Care, as published version 1 with its "
        "service development checklist. Safe to run again: what is loaded already is left as it is."
    )

    def handle(self, *args, **options):
        version = load_shipped_framework()
        count = version.items.count()
        self.stdout.write(f"{version.framework.title}: version {version.number}, {version.status}, {count} items.")
