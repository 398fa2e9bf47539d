"""Signatures bound to everything assessed (issue 11, item 1; ADR 11): each entry's version, its
"how this shows it" claim and the SHA-256 of every attached file. Swapping any of them after
sign-off shows "changed since sign-off" on the criterion, the caseload and in
`verify_signatures --changed`; signed files are never deleted; a signature deleted behind the
application's back is found; signatures of the first subject format still verify as signed."""

import hashlib
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios import uploads
from coordinated_care.portfolios.models import Attachment, EvidenceLink

from ..models import SignedEvidence, SignedFile
from ..presenters.caseload import caseload_page
from ..presenters.sign_offs import criterion_panel
from ..services import criterion_states
from .helpers import ask, criterion, decide, evidence

CERTIFICATE = b"%PDF-1.4\n% certificate of attendance, synthetic\n%%EOF\n"


def _upload(enrolment, learner, entry, content=CERTIFICATE, name="certificate.pdf"):
    return uploads.store_upload(enrolment, SimpleUploadedFile(name, content), learner, entry=entry)


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _verify(*args):
    out = StringIO()
    try:
        call_command("verify_signatures", *args, stdout=out)
    except CommandError as error:
        return 1, out.getvalue() + str(error)
    return 0, out.getvalue()


def _status(enrolment):
    return criterion_states(enrolment)[criterion(enrolment).pk].status


@pytest.fixture
def signed_with_file(enrolment, learner, facilitator):
    entry = evidence(enrolment, learner)
    attachment = _upload(enrolment, learner, entry)
    assessment = decide(ask(enrolment, learner, entries=[entry]), facilitator)
    attachment.refresh_from_db()
    return assessment, entry, attachment


def test_the_subject_binds_the_claim_and_every_file(signed_with_file):
    assessment, entry, attachment = signed_with_file
    signed = SignedEvidence.objects.get(assessment=assessment)
    assert signed.subject_format == SignedEvidence.FORMAT_WITH_CLAIMS_AND_FILES
    assert signed.claim_hash == hashlib.sha256(b"Three conversations.").hexdigest()
    (file,) = SignedFile.objects.filter(evidence=signed)
    assert (file.attachment_uuid, file.sha256) == (attachment.uuid, hashlib.sha256(CERTIFICATE).hexdigest())
    assert attachment.signed
    assert f'"sha256":"{file.sha256}"' in assessment.signature.payload
    assert f'"claim_hash":"{signed.claim_hash}"' in assessment.signature.payload


def test_the_evidence_swap_shows_changed_everywhere_and_keeps_the_signed_file(
    signed_with_file, enrolment, learner, facilitator
):
    # The probe of issue 11: remove the signed certificate, upload another, rewrite the claim.
    assessment, entry, attachment = signed_with_file
    assert _status(enrolment) == "achieved"
    assert uploads.remove_attachment(attachment, user=learner) is False
    attachment.refresh_from_db()
    assert attachment.hidden_at is not None
    assert attachment.file.storage.exists(attachment.file.name), "a signed file is never deleted"
    assert _status(enrolment) == "changed"
    panel = criterion_panel(enrolment, criterion(enrolment), facilitator)
    assert panel["tag"]["text"] == "Evidence changed since sign-off"
    items = [i for i in caseload_page(facilitator)["items"] if i.kind == "changed_since_sign_off"]
    assert [i.text.split(": ", 1)[1] for i in items] == ["changed since you signed: re-confirm"]
    code, out = _verify("--changed")
    assert code == 0, out
    assert f"sign-off {assessment.request.uuid} of PC1" in out


def test_removing_a_signed_file_alone_is_a_change(signed_with_file, enrolment, learner):
    _, _, attachment = signed_with_file
    uploads.remove_attachment(attachment, user=learner)
    assert _status(enrolment) == "changed"


def test_adding_a_file_is_a_change(signed_with_file, enrolment, learner):
    _, entry, _ = signed_with_file
    _upload(enrolment, learner, entry, content=b"%PDF-1.4\n% another certificate\n%%EOF\n")
    assert _status(enrolment) == "changed"


def test_rewriting_the_claim_is_a_change(signed_with_file, enrolment, learner):
    _, entry, _ = signed_with_file
    portfolio.link_evidence(entry, criterion=criterion(enrolment), how_it_shows="A different claim.", user=learner)
    assert _status(enrolment) == "changed"
    code, out = _verify("--changed")
    assert "Evidence signed has changed since sign-off." in out


def test_a_file_replaced_behind_the_application_shows_changed(signed_with_file, enrolment):
    _, _, attachment = signed_with_file
    _raw("UPDATE portfolios_attachment SET sha256 = %s WHERE id = %s", ["0" * 64, attachment.pk])
    assert _status(enrolment) == "changed"


def test_removing_the_link_is_a_change(signed_with_file, enrolment, learner):
    _, entry, _ = signed_with_file
    portfolio.unlink_evidence(EvidenceLink.objects.get(entry=entry), user=learner)
    assert _status(enrolment) == "changed"


def test_an_unsigned_file_is_still_deleted(enrolment, learner, django_capture_on_commit_callbacks):
    entry = evidence(enrolment, learner)
    attachment = _upload(enrolment, learner, entry)
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert uploads.remove_attachment(attachment, user=learner) is True
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not storage.exists(name)


def test_verify_signatures_checks_the_signed_files_bytes(signed_with_file):
    _, _, attachment = signed_with_file
    assert _verify()[0] == 0
    with attachment.file.storage.open(attachment.file.name, "wb") as handle:
        handle.write(b"%PDF-1.4\n% forged\n%%EOF\n")
    code, out = _verify()
    assert code == 1
    assert "no longer have the SHA-256 that was signed" in out
    attachment.file.storage.delete(attachment.file.name)
    code, out = _verify()
    assert code == 1
    assert "missing from storage" in out


def test_deleting_a_signature_with_its_assessment_fails_verification(signed_with_file):
    # The probe of issue 11: a database writer deletes a signature and what it signed. Nothing in
    # the application can (ImmutableModel); raw SQL with the foreign keys off can.
    assessment, _, _ = signed_with_file
    assert _verify()[0] == 0
    signature = assessment.signature
    if connection.vendor == "sqlite":
        _raw("PRAGMA defer_foreign_keys = ON")
    else:
        _raw("SET CONSTRAINTS ALL DEFERRED")
    for table, column, value in (
        ("assessments_signature", "id", signature.pk),
        ("assessments_signedfile", "evidence_id", SignedEvidence.objects.get(assessment=assessment).pk),
        ("assessments_signedevidence", "assessment_id", assessment.pk),
        ("assessments_assessment", "id", assessment.pk),
    ):
        _raw(f"DELETE FROM {table} WHERE {column} = %s", [value])
    _raw("UPDATE assessments_signoffrequest SET status = 'open' WHERE id = %s", [assessment.request_id])
    code, out = _verify()
    assert code == 1
    assert f"signature {signature.uuid}: recorded by audit event" in out


def test_a_first_format_signature_still_verifies_as_it_was_signed(signed_with_file, enrolment, learner):
    # A database from before subject format 2: its signed evidence binds the version only, so a
    # file added or a claim rewritten is not held against it, and its signature verifies.
    _, entry, _ = signed_with_file
    _raw("UPDATE assessments_signedevidence SET subject_format = 1, claim_hash = ''")
    _raw("DELETE FROM assessments_signedfile")
    _upload(enrolment, learner, entry, content=b"%PDF-1.4\n% added later\n%%EOF\n")
    portfolio.link_evidence(entry, criterion=criterion(enrolment), how_it_shows="Rewritten.", user=learner)
    assert _status(enrolment) == "achieved"
    assert _verify()[0] == 0
    portfolio.update_entry(
        entry, content={**entry.content, "outcomes": "Edited after sign-off."}, user=learner, seen_version=1
    )
    assert _status(enrolment) == "changed"
