"""Making, checking and withdrawing electronic signatures (ADR 7).

A signature's payload is canonical JSON (sorted keys, no spaces, UTF-8) holding what it means,
who signed in what capacity, when (UTC, to the second), whose portfolio, the subject signed (a
criterion with the evidence versions put forward, or a review's content) and the signer's own
statement (their decision and comments). Its SHA-256 is stored beside it, and a seal: an HMAC of
that hash under a key derived from SECRET_KEY, so that a row rewritten in the database, payload
and hash together, is still caught."""

import contextlib
import datetime
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from coordinated_care import audit
from coordinated_care.core.canonical import canonical_hash, canonical_json, text_hash
from coordinated_care.programmes.services import current_delegation

from ..models import Capacity, FailedReauthentication, Signature, SignatureWithdrawal
from . import notifications

SCHEMA = "coordinated-care/signature/1"
SEAL_SALT = "coordinated_care.assessments.signature.seal"

# Re-authentication when signing: this many wrong passwords within the window lock signing.
# Counted in the database (FailedReauthentication), not by core.ratelimit's cache: a lockout on a
# password must not be undone by a cache flush or eviction, nor split per process without Redis,
# and it counts wrong passwords over a sliding window, not requests.
MAX_FAILURES = 5
FAILURE_WINDOW = datetime.timedelta(minutes=15)


class ReauthenticationFailed(ValidationError):
    """The password given to sign was wrong, or too many wrong ones were given lately."""


def subject_hash(subject):
    """What a signing form carries: the hash of the subject as the signer saw it."""
    return canonical_hash(subject)


def utc_stamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seal(payload_hash, secret=None):
    return salted_hmac(SEAL_SALT, payload_hash, secret=secret, algorithm="sha256").hexdigest()


def _seal_matches(signature):
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return any(constant_time_compare(signature.seal, _seal(signature.payload_hash, key)) for key in keys)


# Re-authentication -------------------------------------------------------------------------------


def recent_failures(user):
    since = timezone.now() - FAILURE_WINDOW
    return FailedReauthentication.objects.filter(user=user, at__gte=since).count()


def reauthenticate(user, password):
    """Check the signer's password on the server. Called outside the signing transaction, so that
    a failure is counted even though the signing is refused."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to sign.")
    if recent_failures(user) >= MAX_FAILURES:
        raise ReauthenticationFailed(
            "You have entered a wrong password too many times. Wait 15 minutes, then try again.", code="locked"
        )
    if not password or not user.check_password(password):
        FailedReauthentication.objects.create(user=user)
        raise ReauthenticationFailed("The password is not right. Enter the password you sign in with.", code="wrong")


# Signing ----------------------------------------------------------------------------------------


def make_signature(
    *,
    enrolment,
    subject,
    statement,
    meaning,
    capacity,
    signer_name,
    signer_role,
    signer=None,
    invitation=None,
    registration="",
    assessment=None,
    review=None,
    record_comment=None,
    shortfall_reflection=None,
    feedback_summary=None,
):
    """Write one signature. Call inside the transaction that makes what it signs.

    A facilitator's signature by a delegate (ADR 16) is signed on behalf of the facilitator the
    enrolment names: the payload says so under `on_behalf_of` (only then, so every signature made
    before delegations, and every other signature, is byte for byte what it was), the row keeps it
    beside, the audit event of the signature carries it as its note, and the facilitator is told."""
    signed_at = timezone.now().replace(microsecond=0)
    delegation = None
    if signer is not None and Capacity(capacity) == Capacity.FACILITATOR:
        delegation = current_delegation(signer, enrolment)
    payload = {
        "schema": SCHEMA,
        "meaning": str(meaning),
        "capacity": str(capacity),
        "signed_at": utc_stamp(signed_at),
        "signer": {
            "name": signer_name,
            "role": signer_role,
            "registration": registration,
            "account": signer.pk if signer is not None else None,
            "invitation": str(invitation.uuid) if invitation is not None else None,
        },
        "portfolio": {"enrolment": str(enrolment.uuid), "learner": enrolment.learner.display_name},
        "subject": subject,
        "statement": statement,
    }
    behalf = {}
    if delegation is not None:
        facilitator = delegation.facilitator
        payload["on_behalf_of"] = {
            "name": facilitator.display_name,
            "account": facilitator.pk,
            "delegation": str(delegation.uuid),
        }
        behalf = {"on_behalf_of": facilitator, "on_behalf_of_name": facilitator.display_name, "delegation": delegation}
    text = canonical_json(payload)
    payload_hash = text_hash(text)
    note = {"on_behalf_of": facilitator.display_name, "delegation": str(delegation.uuid)} if delegation else None
    with audit.with_note(note) if note else contextlib.nullcontext():
        signature = Signature.objects.create(
            enrolment=enrolment,
            assessment=assessment,
            review=review,
            record_comment=record_comment,
            shortfall_reflection=shortfall_reflection,
            feedback_summary=feedback_summary,
            meaning=meaning,
            capacity=capacity,
            signer=signer,
            invitation=invitation,
            signer_name=signer_name,
            signer_role=signer_role,
            professional_registration=registration,
            signed_at=signed_at,
            payload=text,
            payload_hash=payload_hash,
            seal=_seal(payload_hash),
            **behalf,
        )
    if delegation is not None:
        notifications.signed_on_behalf(signature, delegation)
    return signature


@dataclass
class Integrity:
    """Whether a signature's stored record is whole: `problems` is empty when it is."""

    problems: list = field(default_factory=list)
    payload: dict | None = None

    @property
    def intact(self):
        return not self.problems


def check_integrity(signature):
    """Recompute the hash, check the seal, and check that the columns shown on pages say what the
    payload says. Needs no query."""
    result = Integrity()
    if not constant_time_compare(text_hash(signature.payload), signature.payload_hash):
        result.problems.append("The signed content does not match the hash recorded when it was signed.")
    if not _seal_matches(signature):
        result.problems.append("The signature's seal does not match: the record was altered after signing.")
    try:
        payload = json.loads(signature.payload)
    except ValueError:
        result.problems.append("The signed content cannot be read.")
        return result
    result.payload = payload
    signer = payload.get("signer") or {}
    shown = {
        "meaning": (payload.get("meaning"), signature.meaning),
        "capacity": (payload.get("capacity"), signature.capacity),
        "time": (payload.get("signed_at"), utc_stamp(signature.signed_at)),
        "name": (signer.get("name"), signature.signer_name),
        "role": (signer.get("role"), signature.signer_role),
        "registration": (signer.get("registration"), signature.professional_registration),
        "account": (signer.get("account"), signature.signer_id),
        # Absent from every payload not signed on someone's behalf (ADR 16).
        "on behalf of": (
            (payload.get("on_behalf_of") or {}).get("account"),
            signature.on_behalf_of_id,
        ),
        "on behalf of name": ((payload.get("on_behalf_of") or {}).get("name", ""), signature.on_behalf_of_name),
    }
    differing = [what for what, (signed, stored) in shown.items() if signed != stored]
    if differing:
        result.problems.append(f"The signature's recorded {', '.join(differing)} differ from what was signed.")
    return result


# Withdrawing ------------------------------------------------------------------------------------


def withdraw_signature(signature, *, user, reason, password):
    """Only the signer may withdraw their signature, once, with a reason, after re-entering their
    password. Nothing is edited: a withdrawal is appended."""
    if not user.is_authenticated or signature.signer_id != user.pk:
        raise PermissionDenied("Only the person who signed can withdraw their signature.")
    reauthenticate(user, password)
    return _withdraw(signature, user=user, reason=reason)


@transaction.atomic
def _withdraw(signature, *, user, reason):
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    if signature.signer_id != user.pk:
        raise PermissionDenied("Only the person who signed can withdraw their signature.")
    if SignatureWithdrawal.objects.filter(signature=signature).exists():
        raise ValidationError("This signature has already been withdrawn.", code="withdrawn")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why you are withdrawing your signature.", code="reason")
    with audit.with_note({"reason": reason}):
        return SignatureWithdrawal.objects.create(signature=signature, reason=reason, withdrawn_by=user)
