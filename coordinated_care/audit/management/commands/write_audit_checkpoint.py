"""`python manage.py write_audit_checkpoint`: verify the chain, then write a sealed checkpoint of
its head where AUDIT_CHECKPOINT_FILE or AUDIT_CHECKPOINT_STORAGE names (ADR 11). Run it hourly from
the scheduler; a broken chain is never checkpointed (exit 1), so a rewrite is not blessed."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from coordinated_care.audit import checkpoints
from coordinated_care.audit.verify import verify


class Command(BaseCommand):
    help = "Verify the audit chain and write a sealed checkpoint of its head outside the database."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        if not checkpoints.configured():
            raise CommandError(
                "Name where audit checkpoints go: AUDIT_CHECKPOINT_FILE or AUDIT_CHECKPOINT_STORAGE.", returncode=1
            )
        try:
            previous = checkpoints.latest()
        except (ValueError, KeyError) as error:
            raise CommandError(f"The latest audit checkpoint cannot be read: {error}", returncode=1) from error
        verdict = verify(using=database, checkpoint=previous)
        if not verdict.whole:
            raise CommandError(
                f"The audit chain is broken, so no checkpoint was written: {verdict.problem}", returncode=1
            )
        checkpoint = checkpoints.make(verdict)
        try:
            where = checkpoints.write(checkpoint)
        except (OSError, ImproperlyConfigured) as error:
            raise CommandError(f"The checkpoint could not be written: {error}", returncode=1) from error
        self.stdout.write(
            f"Checkpoint written to {where}: event #{checkpoint.event_id}, {checkpoint.events} events, "
            f"hash {checkpoint.hash}."
        )
