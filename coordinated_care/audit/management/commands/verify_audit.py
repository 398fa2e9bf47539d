from django.core.management.base import BaseCommand, CommandError

from coordinated_care.audit import checkpoints
from coordinated_care.audit.verify import verify


class Command(BaseCommand):
    help = (
        "Walk the audit trail's hash chain in order and report the first broken link (an event "
        "altered, removed or inserted), check the head's seal and the latest checkpoint written "
        "outside the database (ADR 11), or say that the chain is whole. Exits 1 when it is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")
        parser.add_argument("--chunk-size", type=int, default=5000, help="events read per query (default 5000)")

    def handle(self, *args, database, chunk_size, **options):
        try:
            checkpoint = checkpoints.latest()
        except (ValueError, KeyError) as error:
            raise CommandError(f"The latest audit checkpoint cannot be read: {error}", returncode=1) from error
        verdict = verify(using=database, chunk_size=chunk_size, checkpoint=checkpoint)
        if not verdict.whole:
            checked = f"{verdict.events} events before it are whole."
            raise CommandError(f"The audit chain is broken: {verdict.problem} {checked}", returncode=1)
        self.stdout.write(f"The audit chain is whole: {verdict.events} events.")
        if verdict.redacted:
            self.stdout.write(f"{verdict.redacted} of them had text redacted, each vouched for by its redaction.")
        if verdict.last_id is not None:
            self.stdout.write(f"Its last event is #{verdict.last_id}, hash {verdict.last_hash}; its head's seal holds.")
        if checkpoint is not None:
            self.stdout.write(
                f"It holds the checkpoint written {checkpoint.written_at} (event #{checkpoint.event_id})."
            )
        elif checkpoints.configured():
            self.stdout.write(f"No checkpoint has been written yet to {checkpoints.configured()}.")
        else:
            self.stdout.write(
                "No checkpoint location is set (AUDIT_CHECKPOINT_FILE or AUDIT_CHECKPOINT_STORAGE): "
                "a truncated tail with a replayed head seal would not be caught."
            )
