"""Appending to the hash chain, and the hash itself.

Each event's hash covers the previous event's hash and everything the event says, so altering a
row changes its hash, and removing or inserting one breaks the link to the next (`verify.py`).

Two transactions must never chain onto the same event: `append` reads and moves the chain's head
under a row lock (SELECT ... FOR UPDATE on PostgreSQL) held until the transaction ends. On SQLite
every transaction is BEGIN IMMEDIATE (settings), which already lets only one writer in at a time.
The event is written in the caller's transaction, so it commits or rolls back with the change it
records; `append` refuses to run outside one.
"""

import hashlib
import json

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from . import seal
from .context import current_actor
from .exceptions import AuditError
from .models import AuditChainHead, AuditEvent
from .values import normalised, scalar

GENESIS = "0" * 64
HEAD_ID = 1
# Part of what is hashed, so that a later change to the serialisation can be told apart.
HASH_VERSION = "audit-v1"


def digest(
    *,
    previous_hash,
    occurred_at,
    actor_id,
    actor_label,
    action,
    object_type,
    object_id,
    object_label,
    enrolment_id,
    before,
    after,
    note,
):
    """SHA-256 over a canonical JSON array of the event. `object_type` is "app_label.model", not
    the content type's id, which differs between databases restored from one another."""
    payload = [
        HASH_VERSION,
        previous_hash,
        scalar(occurred_at),
        actor_id,
        actor_label,
        action,
        object_type,
        object_id,
        object_label,
        enrolment_id,
        before,
        after,
        note,
    ]
    # Frozen, and kept apart from core.canonical on purpose: every event ever written was hashed
    # over exactly these bytes, so a change here (even one core.canonical might make for its own
    # reasons) would make every existing chain fail to verify. A new format needs a new
    # HASH_VERSION, with the old one still verifiable. A test pins a known digest.
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def object_type(content_type):
    return f"{content_type.app_label}.{content_type.model}"


def append(*, action, model, object_id, object_label, enrolment_id, before, after, note, using="default"):
    """Add one event at the end of the chain, in the current transaction."""
    if not connections[using].in_atomic_block:
        raise AuditError(
            "Audited records are written inside transaction.atomic(), so that the change and its "
            "audit event commit or roll back together."
        )
    actor = current_actor()
    content_type = ContentType.objects.db_manager(using).get_for_model(model)
    head = _locked_head(using)
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor.user_id,
        actor_label=actor.label,
        action=action,
        content_type=content_type,
        object_id=str(object_id),
        object_label=(object_label or "")[:200],
        enrolment_id=enrolment_id,
        before=normalised(before),
        after=normalised(after),
        note=normalised(note),
        previous_hash=head.hash,
    )
    event.hash = digest(
        previous_hash=event.previous_hash,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        object_type=object_type(content_type),
        object_id=event.object_id,
        object_label=event.object_label,
        enrolment_id=event.enrolment_id,
        before=event.before,
        after=event.after,
        note=event.note,
    )
    event.save(using=using)
    key_id, mac = seal.seal(seal.HEAD, seal.head_message(event.pk, event.hash))
    AuditChainHead.objects.using(using).filter(pk=HEAD_ID).update(
        last_event_id=event.pk, hash=event.hash, seal=mac, key_id=key_id
    )
    return event


def _locked_head(using):
    heads = AuditChainHead.objects.using(using).select_for_update()
    head = heads.filter(pk=HEAD_ID).first()
    if head is not None:
        return head
    # No head yet (a new database, or one just flushed): start it at the last event, if any, so
    # that a lost head row cannot fork the chain. Two first appends race to create it; the loser
    # waits for the winner's row and locks it.
    last = AuditEvent.objects.using(using).order_by("-id").values("id", "hash").first()
    last_id, last_hash = (last["id"], last["hash"]) if last else (None, GENESIS)
    key_id, mac = seal.seal(seal.HEAD, seal.head_message(last_id, last_hash))
    try:
        with transaction.atomic(using=using):
            return AuditChainHead.objects.using(using).create(
                pk=HEAD_ID, last_event_id=last_id, hash=last_hash, seal=mac, key_id=key_id
            )
    except IntegrityError:
        return heads.get(pk=HEAD_ID)


def head(using="default"):
    """The head as last committed, without locking it: (last event id, hash), or (None, GENESIS)."""
    row = AuditChainHead.objects.using(using).filter(pk=HEAD_ID).values_list("last_event_id", "hash").first()
    return row or (None, GENESIS)


def sealed_head(using="default"):
    """(last event id, hash, key id, seal) as last committed, or None without a head."""
    return (
        AuditChainHead.objects.using(using)
        .filter(pk=HEAD_ID)
        .values_list("last_event_id", "hash", "key_id", "seal")
        .first()
    )
