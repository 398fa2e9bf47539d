"""Walking the chain: every event's hash must match what it says, its previous_hash the hash of
the event before it, and the last event must be the one the chain's head names. Reads in chunks
of ids (keyset), so memory stays flat however long the chain: one query per chunk.

Since ADR 11 the walk also checks the head's seal (an HMAC under a key outside the database) and,
given the latest checkpoint written outside the database, that the chain still holds the event
and hash it names (so a rewrite with recomputed hashes, or a truncated tail, fails). An event whose
text was redacted (ADR 12) no longer matches its hash; it verifies when a later event of the chain
vouches for exactly its present contents (`redaction_voucher`)."""

import hashlib
import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from . import chain, seal
from .models import AuditEvent

# The key of a redaction event's note that lists the events it rewrote: {"events": [[id, digest]]}.
REDACTION = "redaction"

COLUMNS = (
    "id",
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "content_type_id",
    "object_id",
    "object_label",
    "enrolment_id",
    "before",
    "after",
    "note",
    "previous_hash",
    "hash",
)


@dataclass(frozen=True)
class Verdict:
    events: int
    last_id: int | None
    last_hash: str
    broken_at: int | None = None
    problem: str = ""
    redacted: int = 0  # events whose text was redacted, vouched for by a later event
    checkpoint: object = None  # the checkpoint checked against, if any

    @property
    def whole(self):
        return not self.problem


def content_digest(object_label, before, after, note):
    """What a redaction vouches for: the SHA-256 of an event's object label, before, after and note
    as they are stored after it was rewritten."""
    text = json.dumps([object_label, before, after, note], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _vouchers(using):
    """{event id: (digest, id of the redaction event vouching)} from every redaction's note."""
    vouchers = {}
    rows = AuditEvent.objects.using(using).filter(note__has_key=REDACTION).values_list("id", "note")
    for redaction_id, note in rows.iterator():
        for event_id, digest in (note.get(REDACTION) or {}).get("events", []):
            vouchers[event_id] = (digest, redaction_id)
    return vouchers


def verify(using="default", chunk_size=5000, checkpoint=None):
    """Walk every event, then check that the walk ended where the chain's head says it ends, that
    the head's seal holds and, given a checkpoint, that the chain still holds what it recorded.
    Stops at the first broken link."""
    if checkpoint is not None and not checkpoint.sealed:
        return Verdict(
            0,
            None,
            chain.GENESIS,
            broken_at=checkpoint.event_id,
            problem=f"the checkpoint written {checkpoint.written_at} has no valid seal: it was not written by "
            "this service (or its key is no longer listed in AUDIT_SEAL_OLD_KEYS).",
            checkpoint=checkpoint,
        )
    types = {ct.pk: chain.object_type(ct) for ct in ContentType.objects.using(using).all()}
    walk = _Walk(AuditEvent.objects.using(using).order_by("id"), types, chunk_size, _vouchers(using), checkpoint)
    if walk.run():
        return walk.verdict()
    while True:
        # The head is read after the events: an event is committed with the head that names it,
        # so a head behind the last event walked means that event was not added by the chain,
        # and a head ahead of it means events were appended meanwhile (walk on) or removed.
        head_id, head_hash = chain.head(using)
        if head_id is None or (walk.last_id is not None and head_id <= walk.last_id):
            break
        count = walk.events
        if walk.run():
            return walk.verdict()
        if walk.events == count:
            break
    problem = _head_problem(walk, head_id, head_hash, using) or _seal_problem(walk, using)
    return walk.verdict(problem or _checkpoint_problem(walk, checkpoint))


def _seal_problem(walk, using):
    sealed = chain.sealed_head(using)
    if sealed is None:
        return None  # no head and no events: nothing to seal
    head_id, head_hash, key_id, mac = sealed
    if not mac:
        return head_id, "the chain's head is not sealed: it was written without AUDIT_SEAL_KEY, or its seal removed."
    if not seal.matches(seal.HEAD, seal.head_message(head_id, head_hash), key_id, mac):
        return head_id, (
            "the chain's head seal does not match: the chain was rewritten and its head recomputed by "
            "someone without the seal key, or the key that sealed it is no longer listed."
        )
    return None


def _checkpoint_problem(walk, checkpoint):
    if checkpoint is None or checkpoint.event_id is None:
        return None
    if walk.checkpoint_seen is None:
        end = f"#{walk.last_id}" if walk.last_id is not None else "no event at all"
        return walk.last_id, (
            f"the chain ends at {end}, but the checkpoint written {checkpoint.written_at} recorded event "
            f"#{checkpoint.event_id}: events were removed from the end (or the chain replaced)."
        )
    return None


class _Walk:
    def __init__(self, events, types, chunk_size, vouchers=None, checkpoint=None):
        self.query, self.types, self.chunk_size = events, types, chunk_size
        self.vouchers, self.checkpoint = vouchers or {}, checkpoint
        self.last_id, self.last_hash, self.events, self.redacted = None, chain.GENESIS, 0, 0
        self.broken_at, self.problem = None, ""
        self.checkpoint_seen = None

    def run(self):
        """Walk on from where the last run stopped, to the last event there is; True if broken."""
        while True:
            rows = list(self.query.filter(id__gt=self.last_id or 0).values_list(*COLUMNS)[: self.chunk_size])
            if not rows:
                return False
            for row in rows:
                event = dict(zip(COLUMNS, row, strict=True))
                self.problem = _problem(event, self.types, self.last_id, self.last_hash, self.vouchers)
                if not self.problem and self.checkpoint is not None:
                    self.problem = self._against_checkpoint(event)
                if self.problem:
                    self.broken_at = event["id"]
                    return True
                if event["id"] in self.vouchers:
                    self.redacted += 1
                self.last_id, self.last_hash, self.events = event["id"], event["hash"], self.events + 1

    def _against_checkpoint(self, event):
        checkpoint = self.checkpoint
        if checkpoint.event_id is None or event["id"] < checkpoint.event_id:
            return ""
        if event["id"] > checkpoint.event_id and self.checkpoint_seen is None:
            return (
                f"event #{checkpoint.event_id}, recorded by the checkpoint written {checkpoint.written_at}, "
                "is missing from the chain: it was removed."
            )
        if event["id"] == checkpoint.event_id:
            self.checkpoint_seen = event["id"]
            if event["hash"] != checkpoint.hash:
                return (
                    f"event #{event['id']} has another hash than the checkpoint written {checkpoint.written_at} "
                    "recorded: the chain was rewritten up to here, its hashes recomputed."
                )
            if self.events + 1 != checkpoint.events:
                return (
                    f"the chain holds {self.events + 1} events up to #{event['id']}, the checkpoint written "
                    f"{checkpoint.written_at} recorded {checkpoint.events}: events were removed or inserted."
                )
        return ""

    def verdict(self, problem=None):
        if problem:
            self.broken_at, self.problem = problem
        return Verdict(
            self.events,
            self.last_id,
            self.last_hash,
            broken_at=self.broken_at,
            problem=self.problem,
            redacted=self.redacted,
            checkpoint=self.checkpoint,
        )


def _head_problem(walk, head_id, head_hash, using):
    """(event id, what is wrong) if the walk did not end at the head, else None."""
    if head_id is None:
        if walk.events:
            return walk.last_id, "the chain's head is missing: it cannot tell whether events were removed from the end."
        return None
    if walk.last_id is None:
        return head_id, f"there are no events, but the chain's head records event #{head_id}: they were removed."
    if head_id > walk.last_id:
        return walk.last_id, (
            f"the chain ends at event #{walk.last_id}, but its head records event #{head_id}: "
            "events were removed from the end."
        )
    if head_id < walk.last_id:
        beyond = AuditEvent.objects.using(using).filter(id__gt=head_id).order_by("id").values_list("id", flat=True)[0]
        return beyond, f"event #{beyond} lies beyond the chain's head (#{head_id}): it was inserted, not recorded."
    if head_hash != walk.last_hash:
        return head_id, f"the chain's head records another hash for event #{head_id}: the head was altered."
    return None


def _problem(event, types, previous_id, previous_hash, vouchers=None):
    expected = chain.digest(
        previous_hash=event["previous_hash"],
        occurred_at=event["occurred_at"],
        actor_id=event["actor_id"],
        actor_label=event["actor_label"],
        action=event["action"],
        object_type=types.get(event["content_type_id"], f"unknown content type {event['content_type_id']}"),
        object_id=event["object_id"],
        object_label=event["object_label"],
        enrolment_id=event["enrolment_id"],
        before=event["before"],
        after=event["after"],
        note=event["note"],
    )
    if expected != event["hash"] and not _vouched(event, vouchers or {}):
        return f"hash mismatch at event #{event['id']}: its contents were altered after it was recorded."
    if event["previous_hash"] != previous_hash:
        before = f"event #{previous_id}" if previous_id is not None else "the start of the chain"
        return (
            f"previous_hash mismatch at event #{event['id']}: it does not follow {before}. "
            "An event between them was removed, or one of the two was inserted."
        )
    return ""


def _vouched(event, vouchers):
    """Whether a later event of the chain vouches for this event's contents as they are now: a
    redaction rewrote its before, after or note. The voucher is itself checked by the walk (its
    hash and its place in the chain), so it cannot be forged by a database writer."""
    voucher = vouchers.get(event["id"])
    if voucher is None:
        return False
    digest, redaction_id = voucher
    present = content_digest(event["object_label"], event["before"], event["after"], event["note"])
    return redaction_id > event["id"] and digest == present
