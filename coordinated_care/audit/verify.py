"""Walking the chain: every event's hash must match what it says, its previous_hash the hash of
the event before it, and the last event must be the one the chain's head names. Reads in chunks
of ids (keyset), so memory stays flat however long the chain: one query per chunk."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from . import chain
from .models import AuditEvent

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

    @property
    def whole(self):
        return not self.problem


def verify(using="default", chunk_size=5000):
    """Walk every event, then check that the walk ended where the chain's head says it ends.
    Stops at the first broken link."""
    types = {ct.pk: chain.object_type(ct) for ct in ContentType.objects.using(using).all()}
    walk = _Walk(AuditEvent.objects.using(using).order_by("id"), types, chunk_size)
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
    return walk.verdict(_head_problem(walk, head_id, head_hash, using))


class _Walk:
    def __init__(self, events, types, chunk_size):
        self.query, self.types, self.chunk_size = events, types, chunk_size
        self.last_id, self.last_hash, self.events = None, chain.GENESIS, 0
        self.broken_at, self.problem = None, ""

    def run(self):
        """Walk on from where the last run stopped, to the last event there is; True if broken."""
        while True:
            rows = list(self.query.filter(id__gt=self.last_id or 0).values_list(*COLUMNS)[: self.chunk_size])
            if not rows:
                return False
            for row in rows:
                event = dict(zip(COLUMNS, row, strict=True))
                self.problem = _problem(event, self.types, self.last_id, self.last_hash)
                if self.problem:
                    self.broken_at = event["id"]
                    return True
                self.last_id, self.last_hash, self.events = event["id"], event["hash"], self.events + 1

    def verdict(self, problem=None):
        if problem:
            self.broken_at, self.problem = problem
        return Verdict(self.events, self.last_id, self.last_hash, broken_at=self.broken_at, problem=self.problem)


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


def _problem(event, types, previous_id, previous_hash):
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
    if expected != event["hash"]:
        return f"hash mismatch at event #{event['id']}: its contents were altered after it was recorded."
    if event["previous_hash"] != previous_hash:
        before = f"event #{previous_id}" if previous_id is not None else "the start of the chain"
        return (
            f"previous_hash mismatch at event #{event['id']}: it does not follow {before}. "
            "An event between them was removed, or one of the two was inserted."
        )
    return ""
