"""How a signature is shown wherever it appears: printed name, role, time in UTC, what it means,
whether it was made by invitation, whether it was withdrawn, and whether what it signed still
stands. Needs no query when the signature was loaded with its withdrawal and invitation."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse

from coordinated_care.core.dates import utc

from ..models import Capacity, Meaning

STATUS_TAGS = {
    "achieved": ("Signed off", "green"),
    "reflection_accepted": ("Reflection accepted", "aqua-green"),
    "development_need": ("Development need", "orange"),
    "awaiting": ("Waiting for sign-off", "yellow"),
    "changed": ("Evidence changed since sign-off", "red"),
    "": ("Not signed off", "white"),
}


@dataclass
class SignatureLine:
    uuid: str
    printed_name: str
    role: str
    capacity: str
    meaning: str
    meaning_label: str
    statement: str
    signed_at_utc: str
    signed_at_iso: str
    by_invitation: bool
    registration: str
    payload_hash: str
    withdrawn: bool = False
    withdrawal_reason: str = ""
    withdrawn_at_utc: str = ""
    problems: list = field(default_factory=list)
    withdraw_url: str = ""
    # An identifier was removed from what it signed after signing (ADR 12): it still stands.
    redacted_after_signing: bool = False
    # A delegate's signature (ADR 16): the facilitator they signed for, else "".
    on_behalf_of: str = ""

    @property
    def standing(self):
        return not self.withdrawn and not self.problems

    @property
    def payload_hash_grouped(self):
        """The hash in groups of eight, so that it wraps on a phone."""
        return " ".join(self.payload_hash[i : i + 8] for i in range(0, len(self.payload_hash), 8))

    @property
    def summary(self):
        """One line, as exports and e-mails show it."""
        who = f"by invitation as {self.printed_name}" if self.by_invitation else f"by {self.printed_name}"
        if self.on_behalf_of:
            who += f" on behalf of {self.on_behalf_of}"
        line = f"{self.meaning_label}: signed {who}, {self.role}, on {self.signed_at_utc}"
        if self.registration:
            line += f" (professional registration {self.registration})"
        if self.withdrawn:
            line += f". Withdrawn on {self.withdrawn_at_utc}: {self.withdrawal_reason}"
        if self.redacted_after_signing:
            line += ". Redacted after signing: a patient identifier was removed from the evidence"
        return line


def signature_line(signature, *, user=None, problems=(), redacted=False):
    # A missing reverse one-to-one raises a subclass of AttributeError: getattr's default covers it.
    withdrawal = getattr(signature, "withdrawal", None)
    can_withdraw = withdrawal is None and user is not None and user.is_authenticated and signature.signer_id == user.pk
    return SignatureLine(
        uuid=str(signature.uuid),
        printed_name=signature.signer_name,
        role=signature.signer_role,
        capacity=Capacity(signature.capacity).label,
        meaning=signature.meaning,
        meaning_label=Meaning(signature.meaning).label,
        statement=signature.statement,
        signed_at_utc=utc(signature.signed_at),
        signed_at_iso=signature.signed_at.astimezone(datetime.UTC).isoformat(),
        by_invitation=signature.by_invitation,
        registration=signature.professional_registration,
        payload_hash=signature.payload_hash,
        withdrawn=withdrawal is not None,
        withdrawal_reason=withdrawal.reason if withdrawal else "",
        withdrawn_at_utc=utc(withdrawal.withdrawn_at) if withdrawal else "",
        problems=list(problems),
        withdraw_url=reverse("assessments:withdraw", args=[signature.uuid]) if can_withdraw else "",
        redacted_after_signing=redacted,
        on_behalf_of=signature.on_behalf_of_name if signature.on_behalf_of_id else "",
    )


def status_tag(status):
    text, colour = STATUS_TAGS.get(status, STATUS_TAGS[""])
    return {"text": text, "colour": colour}
