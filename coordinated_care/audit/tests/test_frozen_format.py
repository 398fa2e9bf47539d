"""The chain's hash format is frozen (audit-v1): a digest computed when it was made is pinned, so
that no change to core.canonical, or to anything else, can stop existing chains verifying."""

import datetime

from coordinated_care.audit import chain


def test_the_audit_chain_hashes_exactly_as_it_always_has():
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
