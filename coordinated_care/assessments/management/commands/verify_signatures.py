"""Check every electronic signature: its payload against its SHA-256, its seal against the
service's key, and the name, role, meaning and time shown against what was signed (ADR 7).

    python manage.py verify_signatures            # every signature
    python manage.py verify_signatures --enrolment UUID

Prints one line per broken signature and exits 1 if there is any; otherwise says how many were
checked. Where the audit trail (ADR 6) recorded the signature's creation, the stored payload and
hash must also be the ones recorded then: a row rewritten with a valid seal (by someone holding
the key) still differs from its hash-chained audit event. Evidence that has moved on since a
sign-off is not a broken signature: pages show it as "evidence changed since sign-off";
--changed lists those sign-offs too."""

from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError

from coordinated_care import audit

from ...models import Signature, SignOffRequest
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
        if changed:
            requests = SignOffRequest.objects.filter(status=SignOffRequest.Status.DECIDED)
            if enrolment:
                requests = requests.filter(enrolment__uuid=enrolment)
            for request in requests_with_state(requests).order_by("pk").iterator(chunk_size=500):
                state = state_of(request)
                if state.status == "changed":
                    problems = " ".join(state.problems)
                    self.stdout.write(f"sign-off {request.uuid} of {request.criterion.code}: {problems}")
        if broken:
            raise CommandError(f"{broken} of {checked} signatures failed verification.", returncode=1)
        self.stdout.write(f"All {checked} signatures verified.")


CHUNK = 500


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


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
