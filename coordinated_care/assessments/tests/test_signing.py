"""Electronic signatures: what they bind, that they are never edited, that tampering shows, that
evidence moving on is not carried over, withdrawal, and re-authentication."""

import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings

from conftest import PASSWORD
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import EntryVersion, EvidenceLink
from coordinated_care.programmes.models import Criterion

from ..models import Assessment, FailedReauthentication, ImmutableRecord, Signature, SignatureWithdrawal, SignedEvidence
from ..services import criterion_outcomes, criterion_states, signing
from .helpers import ask, criterion, decide, evidence


def _raw_update(model, pk, **values):
    """Change a row behind the application's back, as someone with database access could."""
    table = model._meta.db_table
    assignments = ", ".join(f"{connection.ops.quote_name(column)} = %s" for column in values)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {assignments} WHERE id = %s", [*values.values(), pk])


@pytest.fixture
def signed(enrolment, learner, facilitator):
    entry = evidence(enrolment, learner)
    assessment = decide(ask(enrolment, learner, entries=[entry]), facilitator)
    return assessment, entry


def test_the_payload_is_the_canonical_json_of_what_was_signed(signed, enrolment):
    assessment, entry = signed
    signature = assessment.signature
    payload = json.loads(signature.payload)
    assert signature.payload == json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert signature.payload_hash == hashlib.sha256(signature.payload.encode()).hexdigest()
    crit = criterion(enrolment)
    version = entry.versions.get()
    claim = hashlib.sha256(b"Three conversations.").hexdigest()
    assert payload["subject"] == {
        "type": "criterion",
        "format": 2,
        "criterion": {"code": crit.code, "title": crit.title, "wording": crit.wording},
        "evidence": [
            {
                "entry": str(entry.uuid),
                "version": 1,
                "content_hash": version.content_hash,
                "claim_hash": claim,
                "files": [],
            }
        ],
    }
    assert payload["meaning"] == "achieved"
    assert payload["signer"]["name"] == "Assigned Facilitator"
    assert payload["signer"]["role"] == "Practice-based facilitator"
    assert payload["signed_at"].endswith("Z")
    assert payload["statement"]["comments"] == assessment.comments
    assert signing.check_integrity(signature).intact


def test_a_subject_hashes_to_the_same_digest_as_ever():
    # Pinned before the hashing moved to core.canonical: forms in flight and stored hashes still match.
    subject = {"title": "Café visit – naïve 🙂", "sections": [{"b": 2, "a": 1}], "empty": None, "n": 1.5, "yes": True}
    assert signing.subject_hash(subject) == "8fee77585c9cd0c79b174d2d646d4a2e984a06366cbd103007205214c8fd5529"


def test_signed_records_refuse_edits_and_deletes(signed):
    assessment, _ = signed
    signature = assessment.signature
    signature.signer_name = "Someone Else"
    with pytest.raises(ImmutableRecord):
        signature.save()
    with pytest.raises(ImmutableRecord):
        Signature.objects.filter(pk=signature.pk).update(meaning="reviewed")
    with pytest.raises(ImmutableRecord):
        signature.delete()
    with pytest.raises(ImmutableRecord):
        Signature.objects.all().delete()
    assessment.comments = "Changed"
    with pytest.raises(ImmutableRecord):
        assessment.save()
    with pytest.raises(ImmutableRecord):
        SignedEvidence.objects.update(version_number=9)
    signature.refresh_from_db()
    assert signature.signer_name == "Assigned Facilitator"


def test_a_newer_version_of_the_evidence_shows_as_changed(signed, enrolment, learner):
    _, entry = signed
    portfolio.update_entry(entry, content={**entry.content, "outcomes": "Rewritten"}, user=learner, seen_version=1)
    state = criterion_states(enrolment)[criterion(enrolment).pk]
    assert state.status == "changed"
    assert "Evidence signed has changed since sign-off." in state.problems


def test_removing_the_evidence_link_shows_as_changed(signed, enrolment, learner):
    _, entry = signed
    portfolio.unlink_evidence(EvidenceLink.objects.get(entry=entry), user=learner)
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "changed"}


def test_linking_more_evidence_does_not_change_a_sign_off(signed, enrolment, learner):
    evidence(enrolment, learner, title="Another case study")
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "achieved"}


def test_a_tampered_payload_is_detected(signed, enrolment):
    assessment, _ = signed
    signature = assessment.signature
    forged = signature.payload.replace("Clear, person-centred", "Outstanding")
    _raw_update(Signature, signature.pk, payload=forged)
    signature.refresh_from_db()
    assert not signing.check_integrity(signature).intact
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "changed"}


def test_a_payload_rewritten_with_its_hash_is_caught_by_the_seal(signed, enrolment):
    assessment, _ = signed
    signature = assessment.signature
    forged = signature.payload.replace("Clear, person-centred", "Outstanding")
    _raw_update(Signature, signature.pk, payload=forged, payload_hash=hashlib.sha256(forged.encode()).hexdigest())
    signature.refresh_from_db()
    problems = signing.check_integrity(signature).problems
    assert any("seal" in p for p in problems)
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "changed"}


def test_a_changed_signer_name_column_is_detected(signed):
    assessment, _ = signed
    _raw_update(Signature, assessment.signature.pk, signer_name="Someone Else")
    signature = Signature.objects.get(pk=assessment.signature.pk)
    assert any("name" in p for p in signing.check_integrity(signature).problems)


def test_tampered_evidence_versions_are_detected(signed, enrolment):
    """An old version rewritten in the database no longer matches the version signed."""
    _, entry = signed
    _raw_update(EntryVersion, entry.versions.get().pk, number=7)
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "achieved"}  # the link still names version 1
    from coordinated_care.portfolios.models import Entry

    _raw_update(Entry, entry.pk, version=7)
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "changed"}


def test_changed_criterion_wording_is_not_carried_over(signed, enrolment):
    Criterion.objects.filter(pk=criterion(enrolment).pk).update(wording="A different criterion altogether")
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "changed"}


@override_settings(SECRET_KEY="a-new-key-for-this-test", SECRET_KEY_FALLBACKS=["test-only-key"])
def test_the_seal_survives_a_key_rotation_with_the_old_key_kept(signed):
    assessment, _ = signed
    assert signing.check_integrity(assessment.signature).intact


def test_only_the_signer_withdraws_with_a_reason(signed, enrolment, learner, facilitator, supervisor):
    signature = signed[0].signature
    for person in (learner, supervisor):
        with pytest.raises(PermissionDenied):
            signing.withdraw_signature(signature, user=person, reason="No", password=PASSWORD)
    with pytest.raises(ValidationError):
        signing.withdraw_signature(signature, user=facilitator, reason="  ", password=PASSWORD)
    signing.withdraw_signature(signature, user=facilitator, reason="Signed the wrong criterion.", password=PASSWORD)
    assert SignatureWithdrawal.objects.get().reason == "Signed the wrong criterion."
    assert Signature.objects.filter(pk=signature.pk).exists()  # kept, never removed
    assert criterion_outcomes(enrolment) == {}
    with pytest.raises(ValidationError):
        signing.withdraw_signature(signature, user=facilitator, reason="Again", password=PASSWORD)
    # After a withdrawal, the learner may ask again.
    ask(enrolment, learner, entries=[signed[1]])
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "awaiting"}


def test_withdrawing_needs_the_password(signed, facilitator):
    with pytest.raises(ValidationError):
        signing.withdraw_signature(signed[0].signature, user=facilitator, reason="Mistake", password="wrong")
    assert not SignatureWithdrawal.objects.exists()


def test_wrong_passwords_are_counted_and_lock_signing_for_a_while(enrolment, learner, facilitator):
    for _ in range(signing.MAX_FAILURES):
        with pytest.raises(signing.ReauthenticationFailed) as wrong:
            signing.reauthenticate(facilitator, "guess")
        assert wrong.value.code == "wrong"
    assert FailedReauthentication.objects.filter(user=facilitator).count() == signing.MAX_FAILURES
    with pytest.raises(signing.ReauthenticationFailed) as locked:
        signing.reauthenticate(facilitator, PASSWORD)  # even the right password, for now
    assert locked.value.code == "locked"
    with pytest.raises(ValidationError):
        decide(ask(enrolment, learner), facilitator)
    assert not Assessment.objects.exists()


def test_the_signing_time_is_utc_to_the_second(signed):
    signature = signed[0].signature
    payload = json.loads(signature.payload)
    assert signature.signed_at.microsecond == 0
    assert payload["signed_at"] == signature.signed_at.astimezone(__import__("datetime").UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
