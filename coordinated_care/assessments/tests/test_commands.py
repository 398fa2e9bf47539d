from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from coordinated_care.portfolios import services as portfolio

from ..models import Signature
from .helpers import ask, decide, evidence


def run(*args):
    out = StringIO()
    call_command("verify_signatures", *args, stdout=out)
    return out.getvalue()


def test_every_signature_verifies(enrolment, learner, facilitator):
    decide(ask(enrolment, learner), facilitator)
    assert run() == "All 1 signatures verified.\n"


def test_a_tampered_signature_is_reported(enrolment, learner, facilitator):
    signature = decide(ask(enrolment, learner), facilitator).signature
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Signature._meta.db_table} SET signer_name = %s WHERE id = %s", ["Forger", signature.pk]
        )
    with pytest.raises(CommandError) as failed:
        run()
    assert "1 of 1 signatures failed" in str(failed.value)


def test_changed_evidence_is_listed_on_request(enrolment, learner, facilitator):
    entry = evidence(enrolment, learner)
    decide(ask(enrolment, learner, entries=[entry]), facilitator)
    portfolio.update_entry(entry, content={**entry.content, "outcomes": "x"}, user=learner, seen_version=1)
    output = run("--changed", "--enrolment", str(enrolment.uuid))
    assert "of PC1: Evidence signed has changed since sign-off." in output
    assert output.endswith("All 1 signatures verified.\n")


def test_a_resealed_rewrite_is_caught_by_the_audit_trail(enrolment, learner, facilitator):
    """Someone with the database and the key rewrites payload, hash and seal together: the
    signature verifies alone, but not against the event the audit trail recorded."""
    import hashlib

    from coordinated_care import audit

    from ..services import signing

    if audit.registration_for(Signature) is None:
        pytest.skip("the audit trail does not record assessment models here")
    signature = decide(ask(enrolment, learner), facilitator).signature
    forged = signature.payload.replace("Clear, person-centred", "Outstanding")
    forged_hash = hashlib.sha256(forged.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Signature._meta.db_table} SET payload = %s, payload_hash = %s, seal = %s WHERE id = %s",
            [forged, forged_hash, signing._seal(forged_hash), signature.pk],
        )
    signature.refresh_from_db()
    assert signing.check_integrity(signature).intact
    with pytest.raises(CommandError):
        run()
