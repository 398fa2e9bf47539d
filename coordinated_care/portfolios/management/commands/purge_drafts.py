"""Forget server drafts (unsaved writing) not touched for PORTFOLIO_DRAFT_DAYS days (30 unless set).
Run daily, e.g. from cron: `python manage.py purge_drafts`."""

from django.core.management.base import BaseCommand, CommandError

from coordinated_care.portfolios import drafts


class Command(BaseCommand):
    help = "Delete server drafts older than PORTFOLIO_DRAFT_DAYS (default 30) days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Override PORTFOLIO_DRAFT_DAYS for this run.")

    def handle(self, *args, days=None, **options):
        days = drafts.draft_days() if days is None else days
        if days < 1:
            raise CommandError("Drafts are kept for at least one day.")
        deleted = drafts.purge(days=days)
        self.stdout.write(f"Deleted {deleted} draft{'' if deleted == 1 else 's'} older than {days} days.")
