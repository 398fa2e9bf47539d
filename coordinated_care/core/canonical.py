"""Canonical JSON and its SHA-256: what the service hashes when it must later show that content is
unchanged (an entry's versions, what a signature or a countersignature covered).

Canonical means sorted keys, no spaces, UTF-8 text as it is (not \\u escapes). These bytes are
stored beside signatures and compared years later: changing the serialisation would make every
hash made before look altered. Tests pin a known digest.

The audit chain's hash (`audit.chain.digest`) is kept apart on purpose: its format is frozen under
its own version tag, so that this one may never silently change it.
"""

import hashlib
import json


def canonical_json(data):
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def text_hash(text):
    """The SHA-256 (hex) of `text` as UTF-8, for canonical JSON already stored as text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_hash(data):
    return text_hash(canonical_json(data))
