"""Canonical JSON hashing: the bytes hashed must never change, or every stored hash (entry versions,
signatures, countersignatures) would look altered. Each caller pins its own digest in its app's
tests; the audit chain's separate, frozen format is pinned in the audit tests."""

import hashlib
import json

from coordinated_care.core.canonical import canonical_hash, canonical_json, text_hash

SAMPLE = {"title": "Café visit – naïve 🙂", "sections": [{"b": 2, "a": 1}], "empty": None, "n": 1.5, "yes": True}
# Computed with the apps' own copies before they were folded into core.canonical.
SAMPLE_DIGEST = "8fee77585c9cd0c79b174d2d646d4a2e984a06366cbd103007205214c8fd5529"


def test_canonical_json_sorts_keys_has_no_spaces_and_keeps_unicode_as_it_is():
    assert canonical_json(SAMPLE) == (
        '{"empty":null,"n":1.5,"sections":[{"a":1,"b":2}],"title":"Café visit – naïve 🙂","yes":true}'
    )


def test_a_known_digest_is_pinned():
    assert canonical_hash(SAMPLE) == SAMPLE_DIGEST
    assert text_hash(canonical_json(SAMPLE)) == SAMPLE_DIGEST
    # The formula every earlier copy used, byte for byte.
    legacy = json.dumps(SAMPLE, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(legacy.encode("utf-8")).hexdigest() == SAMPLE_DIGEST
