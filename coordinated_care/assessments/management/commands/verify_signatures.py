"""Check every electronic signature: its payload against its SHA-256, its seal against the
service's key, and the name, role, meaning and time shown against what was signed (ADR 7).

    python manage.py verify_signatures            # every signature
    python manage.py verify_signatures --enrolment UUID

Prints one line per broken signature and exits 1 if there is any; otherwise says how many were
checked. Where the audit trail (ADR 6) recorded the signature's creation, the stored payload and
hash must also be the ones recorded then: a row rewritten with a valid seal (by someone holding
the key) still differs from its hash-chained audit event. Evidence that has moved on since a
sign-off is not a broken signature: pages show it as "evidence changed since sign-off";
--changed lists those sign-offs too, and those whose evidence had an identifier redacted after
signing (which still stand).

Two more checks (ADR 11): every signature whose making the audit trail recorded must still exist
(a signature deleted with its assessment, behind the application's back, fails), and every signed
file must still be in storage with the SHA-256 signed."""

import hashlib
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError

from coordinated_care import audit
from coordinated_care.portfolios.models import Attachment

from ...models import Signature, SignedFile, SignOffRequest
from ...services.signing import check_integrity
from ...services.status import requests_with_state, state_of


class Command(BaseCommand):
    help = "Verify the hash and seal of every electronic signature."

    def add_arguments(self, parser):
        parser.add_argument("--enrolment", help="Only the signatures of this enrolment (its UUID).")
        parser.add_argument("--changed", action="store_true", help="Also list sign-offs whose evidence has changed.")

    def handle(self, *args, enrolment=None, changed=False, **options):
        signatures = Signature.objects.order_by("pk")
        if enrolment:
            signatures = signatures.filter(enrolment__uuid=enrolment)
        checked = broken = 0
        for chunk in _chunks(signatures.iterator(chunk_size=CHUNK), CHUNK):
            recorded = _recorded(chunk)
            for signature in chunk:
                checked += 1
                problems = check_integrity(signature).problems
                after = recorded.get(str(signature.pk))
                if after is not None and (
                    after.get("payload") != signature.payload or after.get("payload_hash") != signature.payload_hash
                ):
                    problems.append("The signed content differs from what the audit trail recorded when it was signed.")
                if problems:
                    broken += 1
                    self.stdout.write(
                        f"signature {signature.uuid} ({signature.signer_name}, {signature.meaning}): "
                        + " ".join(problems)
                    )
        if not enrolment:
            for problem in _missing_signatures():
                broken += 1
                self.stdout.write(problem)
        for problem in _signed_files(enrolment):
            broken += 1
            self.stdout.write(problem)
        if changed:
            requests = SignOffRequest.objects.filter(status=SignOffRequest.Status.DECIDED)
            if enrolment:
                requests = requests.filter(enrolment__uuid=enrolment)
            for request in requests_with_state(requests).order_by("pk").iterator(chunk_size=500):
                state = state_of(request)
                if state.status == "changed":
                    problems = " ".join(state.problems)
                    self.stdout.write(f"sign-off {request.uuid} of {request.criterion.code}: {problems}")
                elif state.redacted:
                    self.stdout.write(
                        f"sign-off {request.uuid} of {request.criterion.code}: stands; an identifier was "
                        "redacted from its evidence after signing."
                    )
        if broken:
            raise CommandError(f"{broken} of {checked} signatures failed verification.", returncode=1)
        self.stdout.write(f"All {checked} signatures verified.")


CHUNK = 500


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _missing_signatures():
    """A line for every signature the audit trail recorded being made that is no longer there.
    Signatures are never deleted (models/immutable.py): one missing was removed behind the
    application's back, with whatever it signed. The trail itself is checked by verify_audit."""
    if audit.registration_for(Signature) is None:
        return
    from coordinated_care.audit.models import AuditEvent

    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Signature), action=AuditEvent.Action.CREATE
    ).order_by("id")
    for chunk in _chunks(events.values_list("id", "object_id", "after").iterator(chunk_size=CHUNK), CHUNK):
        present = {
            str(pk)
            for pk in Signature.objects.filter(pk__in=[object_id for _, object_id, _ in chunk]).values_list(
                "pk", flat=True
            )
        }
        for event_id, object_id, after in chunk:
            if object_id not in present:
                uuid = (after or {}).get("uuid", "?")
                yield (
                    f"signature {uuid}: recorded by audit event #{event_id} but missing from the database: "
                    "it was deleted, with what it signed."
                )


def _signed_files(enrolment):
    """A line for every signed file (ADR 11) whose bytes are gone from storage or no longer have
    the SHA-256 signed."""
    files = SignedFile.objects.order_by("pk")
    if enrolment:
        files = files.filter(evidence__assessment__enrolment__uuid=enrolment)
    stored = {
        a.uuid: a
        for a in Attachment.objects.filter(uuid__in=files.values("attachment_uuid")).only("uuid", "file", "sha256")
    }
    for signed in files.iterator(chunk_size=CHUNK):
        attachment = stored.get(signed.attachment_uuid)
        where = f"signed file {signed.attachment_uuid} ({signed.name})"
        if attachment is None:
            yield f"{where}: its record is gone; it was deleted although a signature binds it."
            continue
        try:
            digest = hashlib.sha256()
            with attachment.file.open("rb") as handle:
                for block in iter(lambda: handle.read(1024 * 1024), b""):
                    digest.update(block)
        except (FileNotFoundError, OSError):
            yield f"{where}: missing from storage although a signature binds it."
            continue
        if digest.hexdigest() != signed.sha256:
            yield f"{where}: its bytes no longer have the SHA-256 that was signed."


def _recorded(signatures):
    """{signature id: the values the audit trail recorded when it was created}, if it records them."""
    if audit.registration_for(Signature) is None:
        return {}
    from coordinated_care.audit.models import AuditEvent

    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Signature),
        action=AuditEvent.Action.CREATE,
        object_id__in=[str(s.pk) for s in signatures],
    ).values_list("object_id", "after")
    return dict(events)
