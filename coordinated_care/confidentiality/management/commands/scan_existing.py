"""`python manage.py scan_existing`: stored entries that would fail today's rules.

Run it after the rules change. It reads only the models and fields that apps registered with
`coordinated_care.confidentiality.registry.register`, streams them in batches, and prints where a
finding is and what kind it is, never the identifier itself: this output may end up in a log."""

from django.core.management.base import BaseCommand

from coordinated_care.confidentiality.findings import Action
from coordinated_care.confidentiality.registry import registrations, stored_texts
from coordinated_care.confidentiality.service import scan


class Command(BaseCommand):
    help = "List stored entries whose text would be refused, or would need a declaration, under today's rules."

    def add_arguments(self, parser):
        parser.add_argument(
            "--blocking-only", action="store_true", help="leave out names, which an author may have declared"
        )
        parser.add_argument("--batch-size", type=int, default=500)
        # ADR 12: remove blocking findings from stored text (a dry run unless --yes).
        parser.add_argument(
            "--redact-blocking", action="store_true", help="list blocking findings to redact; with --yes, redact them"
        )
        parser.add_argument("--yes", action="store_true", help="with --redact-blocking: apply the redactions")

    def handle(self, *args, **options):
        if options["redact_blocking"]:
            from coordinated_care.confidentiality import redact_blocking

            redact_blocking.run(self.stdout, apply=options["yes"], batch_size=options["batch_size"])
            return
        interesting = {Action.BLOCK} if options["blocking_only"] else {Action.BLOCK, Action.CONFIRM}
        checked = failing = 0
        registered = registrations()
        if not registered:
            self.stdout.write("No models are registered for scanning, so there is nothing to check.")
            return
        for registration in registered:
            rows = registration.model._default_manager.order_by("pk").values_list("pk", *registration.fields)
            for pk, *values in rows.iterator(chunk_size=options["batch_size"]):
                checked += 1
                problems = []
                for field, value in zip(registration.fields, values, strict=True):
                    for where, text in stored_texts(field, value):
                        for f in scan(text):
                            if f.action in interesting:
                                problems.append(f"{where}[{f.start}:{f.end}] {f.type} ({f.action})")
                if problems:
                    failing += 1
                    self.stdout.write(f"{registration.label} {pk}: " + "; ".join(problems))
        self.stdout.write(f"{failing} of {checked} stored entries would fail today's rules.")
