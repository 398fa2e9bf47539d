"""Canonical JSON hashing: the bytes hashed must never change, or every stored hash (entry versions,
signatures, countersignatures) would look altered."""

import datetime
import hashlib
import json

from coordinated_care.audit import chain
from coordinated_care.core.canonical import canonical_hash, canonical_json, text_hash

SAMPLE = {"title": "Café visit – naïve 🙂", "sections": [{"b": 2, "a": 1}], "empty": None, "n": 1.5, "yes": True}
# Computed with each app's own copy before they were folded into core.canonical.
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


def test_every_caller_hashes_the_same_bytes(db):
    from coordinated_care.assessments.services.signing import subject_hash
    from coordinated_care.feedback.models import FeedbackResponse
    from coordinated_care.feedback.services.responses import ANSWER_FIELDS, answers_hash

    assert subject_hash(SAMPLE) == SAMPLE_DIGEST
    response = FeedbackResponse(
        audience="patient", received_on=datetime.date(2027, 3, 3), respondent="carer", needs=5, did_well="Café"
    )
    content = {name: getattr(response, name) for name in ANSWER_FIELDS}
    content["received_on"] = "2027-03-03"
    legacy = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert answers_hash(response) == hashlib.sha256(legacy.encode("utf-8")).hexdigest()


def test_the_audit_chain_keeps_its_own_frozen_format():
    # Pinned with the chain's format as it has been since audit-v1: existing chains must verify.
    digest = chain.digest(
        previous_hash="0" * 64,
        occurred_at=datetime.datetime(2026, 3, 3, 14, 5, 9, 123456, tzinfo=datetime.UTC),
        actor_id=7,
        actor_label="Sam Jones",
        action="change",
        object_type="portfolios.entry",
        object_id="42",
        object_label="Case study – café",
        enrolment_id=3,
        before={"title": "Old"},
        after={"title": "New", "content": {"z": 1, "a": [1, 2]}},
        note={"reason": "typo"},
    )
    assert digest == "b296d5eb6142c6ef1efb49d8659d65eebb6e7f1267ddd004f21752fa2c0e0cbc"
