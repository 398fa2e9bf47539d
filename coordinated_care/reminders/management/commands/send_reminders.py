"""Send the reminders and digests that are due (ADR 19, docs/deployment.md): run it daily, or
hourly, from cron or the worker; a second run in the same week (or month) sends nothing again."""

import datetime

from django.core.management.base import BaseCommand

from coordinated_care.reminders.models import Kind
from coordinated_care.reminders.sending import send_reminders


class Command(BaseCommand):
    help = "Send the reminders and digests that are due, once per person, kind and period."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="the day to send for (YYYY-MM-DD)")

    def handle(self, *args, today=None, **options):
        sent = send_reminders(today)
        for kind in Kind:
            self.stdout.write(f"{kind.label}: {sent[kind]} sent")
