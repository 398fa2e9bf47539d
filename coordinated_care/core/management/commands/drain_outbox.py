"""Hands the background jobs kept while the queue was down to the queue (ADR 14). Run it every
minute from the scheduler; it exits 0 whether or not the broker answers, printing what is left."""

from django.core.management.base import BaseCommand

from coordinated_care.core import outbox


class Command(BaseCommand):
    help = "Queue the background jobs kept in the outbox while the queue's broker did not answer."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="at most this many jobs a run (default 500)")

    def handle(self, *args, limit, **options):
        sent, waiting = outbox.drain(limit=limit)
        self.stdout.write(f"{sent} jobs queued, {waiting} waiting.")
