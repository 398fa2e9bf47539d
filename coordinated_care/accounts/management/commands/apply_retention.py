"""Applies the retention schedule (docs/retention.md): each app's rules, once. Run it daily from the
scheduler (docs/deployment.md); it prints how many records each rule removed or pseudonymised."""

from django.core.management.base import BaseCommand

from coordinated_care.accounts import privacy


class Command(BaseCommand):
    help = "Remove or pseudonymise the records whose retention period is over (docs/retention.md)."

    def handle(self, *args, **options):
        for rule, count in privacy.apply_retention():
            self.stdout.write(f"{rule.record} ({rule.period}): {count}")
