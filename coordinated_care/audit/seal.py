"""The seal: an HMAC-SHA-256, under a key held outside the database, over the chain's head and the
checkpoints written of it (ADR 11).

The events' hashes need no secret, so whoever can write to the database could rewrite events and
recompute every later hash and the head. The head's seal needs `AUDIT_SEAL_KEY`, which lives in the
environment, not the database: a rewritten chain ends at a head whose seal no longer matches.

Rotation: every seal records the id of the key that made it (a fingerprint of the key, never the
key). A new key goes in `AUDIT_SEAL_KEY` and the old one in `AUDIT_SEAL_OLD_KEYS`; seals made
under an old key still verify, and the next append seals the head under the new one.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Part of what is sealed, so that a seal of one kind can never stand for another.
HEAD = "audit-head-v1"
CHECKPOINT = "audit-checkpoint-v1"


def key_id(key):
    """A public fingerprint of a key: names it in seals without revealing it."""
    return hashlib.sha256(f"audit-seal-key-id:{key}".encode()).hexdigest()[:16]


def _current_key():
    key = settings.AUDIT_SEAL_KEY
    if not key:
        raise ImproperlyConfigured("AUDIT_SEAL_KEY must be set: it seals the audit trail's head (ADR 11).")
    return key


def keys():
    """{key id: key} of the current key and every old one still accepted."""
    known = [_current_key(), *settings.AUDIT_SEAL_OLD_KEYS]
    return {key_id(key): key for key in known}


def _mac(key, kind, message):
    return hmac.new(key.encode(), f"{kind}:{message}".encode(), hashlib.sha256).hexdigest()


def seal(kind, message):
    """(key id, seal) of `message` under the current key."""
    key = _current_key()
    return key_id(key), _mac(key, kind, message)


def matches(kind, message, sealed_with, mac):
    """Whether `mac` seals `message` under the key `sealed_with` names (current or old)."""
    key = keys().get(sealed_with or "")
    if key is None or not mac:
        return False
    return hmac.compare_digest(_mac(key, kind, message), mac)


def head_message(last_event_id, last_hash):
    return f"{last_event_id}:{last_hash}"
