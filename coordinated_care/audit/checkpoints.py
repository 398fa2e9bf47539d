"""Checkpoints: the chain's head, sealed, written regularly somewhere outside the database that only
ever grows (ADR 11).

A database writer who rewrites the chain, or cuts events off its end, and somehow also holds a
valid head seal (an old one they kept, or the key) is still caught: the latest checkpoint names an
event and its hash that the chain must still contain. `write_audit_checkpoint` writes one (run it
from a scheduler, hourly); `verify_audit` reads the latest.

Where, named by the deployer (docs/settings.md):

- `AUDIT_CHECKPOINT_FILE`: a path. One JSON object a line, appended (O_APPEND); make the file
  append-only for the service's user (`chattr +a`), or ship it to a log store.
- `AUDIT_CHECKPOINT_STORAGE`: the name of a storage in Django's STORAGES (object storage in
  production). One object per checkpoint under `audit-checkpoints/`, never overwritten; give the
  bucket object lock or versioning, and the service no right to delete.

A checkpoint is {"format", "event_id", "hash", "events", "written_at", "key_id", "seal"}, the
seal an HMAC under AUDIT_SEAL_KEY over the rest, so that one written by someone else is refused.
"""

import json
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from . import seal

FORMAT = "audit-checkpoint-1"
PREFIX = "audit-checkpoints/"


@dataclass(frozen=True)
class Checkpoint:
    event_id: int | None
    hash: str
    events: int
    written_at: str
    key_id: str
    seal: str

    def message(self):
        return f"{FORMAT}:{self.event_id}:{self.hash}:{self.events}:{self.written_at}"

    @property
    def sealed(self):
        """Whether the seal was made by a key the service holds (current or old)."""
        return seal.matches(seal.CHECKPOINT, self.message(), self.key_id, self.seal)

    def as_json(self):
        return json.dumps(
            {
                "format": FORMAT,
                "event_id": self.event_id,
                "hash": self.hash,
                "events": self.events,
                "written_at": self.written_at,
                "key_id": self.key_id,
                "seal": self.seal,
            },
            sort_keys=True,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text):
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"not a checkpoint of format {FORMAT}")
        return cls(
            event_id=data["event_id"],
            hash=data["hash"],
            events=data["events"],
            written_at=data["written_at"],
            key_id=data["key_id"],
            seal=data["seal"],
        )


def configured():
    """A short description of where checkpoints go, or "" if nowhere is named."""
    if settings.AUDIT_CHECKPOINT_FILE:
        return f"file {settings.AUDIT_CHECKPOINT_FILE}"
    if settings.AUDIT_CHECKPOINT_STORAGE:
        return f"storage {settings.AUDIT_CHECKPOINT_STORAGE!r}, under {PREFIX}"
    return ""


def make(verdict):
    """A sealed checkpoint of a chain `verify` found whole."""
    written_at = timezone.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    unsealed = Checkpoint(verdict.last_id, verdict.last_hash, verdict.events, written_at, "", "")
    key_id, mac = seal.seal(seal.CHECKPOINT, unsealed.message())
    return Checkpoint(verdict.last_id, verdict.last_hash, verdict.events, written_at, key_id, mac)


def write(checkpoint):
    """Add the checkpoint where the deployer named; never overwrites one written before."""
    path = settings.AUDIT_CHECKPOINT_FILE
    if path:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            handle.write(checkpoint.as_json() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return path
    storage = _storage()
    if storage is None:
        raise ImproperlyConfigured(
            "Name where audit checkpoints go: AUDIT_CHECKPOINT_FILE or AUDIT_CHECKPOINT_STORAGE."
        )
    stamp = checkpoint.written_at.replace(":", "").replace("-", "").replace(".", "")
    name = f"{PREFIX}{stamp}-{checkpoint.event_id or 0}.json"
    if storage.exists(name):  # written within the same microsecond: keep the first
        raise FileExistsError(name)
    return storage.save(name, ContentFile(checkpoint.as_json().encode()))


def latest():
    """The checkpoint written last, or None if none was written (or nowhere is named). A line or
    object that cannot be read raises ValueError: a damaged checkpoint is not silently skipped."""
    path = settings.AUDIT_CHECKPOINT_FILE
    if path:
        if not os.path.exists(path):
            return None
        last = ""
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    last = line
        return Checkpoint.from_json(last) if last else None
    storage = _storage()
    if storage is None:
        return None
    try:
        _, names = storage.listdir(PREFIX.rstrip("/"))
    except FileNotFoundError:
        return None
    names = sorted(n for n in names if n.endswith(".json"))
    if not names:
        return None
    with storage.open(f"{PREFIX}{names[-1]}", "rb") as handle:
        return Checkpoint.from_json(handle.read().decode())


def _storage():
    alias = settings.AUDIT_CHECKPOINT_STORAGE
    return storages[alias] if alias else None
