from django.core.management.base import BaseCommand

from coordinated_care.roles.services import load_shipped_content


class Command(BaseCommand):
    help = (
        "Load the shipped level descriptors and the content of each competency and component "
        "(roles/data/competency-content.json) that is not there yet; never overwrites an administrator's edits."
    )

    def handle(self, *args, **options):
        added = load_shipped_content()
        self.stdout.write(f"Added content for {added} competencies and components.")
