"""A trail a database writer cannot rewrite (issue 11, item 2; ADR 11): the chain's head sealed
with a key outside the database, and sealed checkpoints written outside it. Each tampering of the
issue's probe, done on the database as its writer could: a rewrite with every later hash
recomputed, a truncated tail, and a forged checkpoint; each fails `verify_audit`."""

import json
from io import StringIO

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.test import override_settings

from coordinated_care.audit import chain, checkpoints, seal
from coordinated_care.audit.models import AuditChainHead, AuditEvent
from coordinated_care.audit.verify import verify
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Entry

from .conftest import drop_triggers, raw


@pytest.fixture
def history(enrolment, learner):
    for n in range(4):
        portfolio.create_entry(
            enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": f"Reflection {n}"}, user=learner
        )
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


@pytest.fixture
def checkpoint_file(tmp_path):
    path = tmp_path / "audit-checkpoints.jsonl"
    with override_settings(AUDIT_CHECKPOINT_FILE=str(path), AUDIT_CHECKPOINT_STORAGE=""):
        yield path


def command(name, **options):
    out = StringIO()
    try:
        call_command(name, stdout=out, **options)
    except CommandError as error:
        return 1, out.getvalue() + str(error)
    return 0, out.getvalue()


def rewrite_with_recomputed_hashes(event_id, after):
    """What the issue's prober did: change one event, then recompute its hash and every later one
    with the project's own digest (no secret needed), and move the head to the new last hash."""
    drop_triggers()
    events = list(AuditEvent.objects.filter(id__gte=event_id).select_related("content_type").order_by("id"))
    previous = AuditEvent.objects.filter(id__lt=event_id).order_by("-id").values_list("hash", flat=True).first()
    previous = previous or chain.GENESIS
    for event in events:
        if event.pk == event_id:
            event.after = after
        digest = chain.digest(
            previous_hash=previous,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            action=event.action,
            object_type=chain.object_type(event.content_type),
            object_id=event.object_id,
            object_label=event.object_label,
            enrolment_id=event.enrolment_id,
            before=event.before,
            after=event.after,
            note=event.note,
        )
        raw(
            "UPDATE audit_auditevent SET after = %s, previous_hash = %s, hash = %s WHERE id = %s",
            [json.dumps(event.after), previous, digest, event.pk],
        )
        previous = digest
    raw("UPDATE audit_auditchainhead SET hash = %s", [previous])
    return previous


def reseal_head_with_the_key():
    """Only someone holding AUDIT_SEAL_KEY can do this."""
    head = AuditChainHead.objects.get()
    key_id, mac = seal.seal(seal.HEAD, seal.head_message(head.last_event_id, head.hash))
    raw("UPDATE audit_auditchainhead SET seal = %s, key_id = %s", [mac, key_id])


def test_every_append_seals_the_head(history):
    head = AuditChainHead.objects.get()
    assert head.last_event_id == history[-1]
    assert head.key_id == seal.key_id("test-only-audit-seal-key")
    assert seal.matches(seal.HEAD, seal.head_message(head.last_event_id, head.hash), head.key_id, head.seal)
    assert verify().whole


def test_a_rewrite_with_recomputed_hashes_fails_on_the_seal(history):
    rewrite_with_recomputed_hashes(history[1], {"title": "Rewritten"})
    verdict = verify()
    assert not verdict.whole
    assert "head seal does not match" in verdict.problem
    code, out = command("verify_audit")
    assert code == 1 and "head seal does not match" in out


def test_a_removed_seal_fails(history):
    raw("UPDATE audit_auditchainhead SET seal = ''")
    assert "not sealed" in verify().problem


def test_a_rewrite_by_someone_holding_the_key_fails_on_the_checkpoint(history, checkpoint_file):
    assert command("write_audit_checkpoint")[0] == 0
    rewrite_with_recomputed_hashes(history[1], {"title": "Rewritten"})
    reseal_head_with_the_key()
    assert verify().whole, "without the checkpoint, a key holder's rewrite would pass"
    code, out = command("verify_audit")
    assert code == 1
    assert "another hash than the checkpoint" in out


def test_a_truncated_tail_with_its_old_head_replayed_fails_on_the_checkpoint(
    history, checkpoint_file, enrolment, learner
):
    # The writer kept the head (and its seal) as it was two events ago, then cuts the chain back
    # to it after the checkpoint: the seal is genuine, only the checkpoint remembers more.
    kept = AuditChainHead.objects.values_list("last_event_id", "hash", "seal", "key_id").get()
    portfolio.create_entry(enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "Later"}, user=learner)
    assert command("write_audit_checkpoint")[0] == 0
    drop_triggers()
    raw("DELETE FROM audit_auditevent WHERE id > %s", [kept[0]])
    raw("UPDATE audit_auditchainhead SET last_event_id = %s, hash = %s, seal = %s, key_id = %s", list(kept))
    assert verify().whole, "without the checkpoint, the replayed head would pass"
    code, out = command("verify_audit")
    assert code == 1
    assert "events were removed from the end" in out


def test_a_truncated_tail_without_the_key_fails_on_the_seal(history):
    drop_triggers()
    raw("DELETE FROM audit_auditevent WHERE id >= %s", [history[-2]])
    last = AuditEvent.objects.order_by("-id").first()
    raw("UPDATE audit_auditchainhead SET last_event_id = %s, hash = %s", [last.pk, last.hash])
    assert "head seal does not match" in verify().problem


def test_a_forged_checkpoint_is_refused(history, checkpoint_file):
    assert command("write_audit_checkpoint")[0] == 0
    line = json.loads(checkpoint_file.read_text().splitlines()[-1])
    line["events"] = 2
    checkpoint_file.write_text(checkpoint_file.read_text() + json.dumps(line) + "\n")
    code, out = command("verify_audit")
    assert code == 1
    assert "has no valid seal" in out


def test_checkpoints_are_appended_never_rewritten(history, checkpoint_file, enrolment, learner):
    assert command("write_audit_checkpoint")[0] == 0
    portfolio.create_entry(enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "Later"}, user=learner)
    code, out = command("write_audit_checkpoint")
    assert code == 0, out
    lines = [json.loads(line) for line in checkpoint_file.read_text().splitlines()]
    assert [line["event_id"] for line in lines] == [history[-1], AuditEvent.objects.order_by("-id").first().pk]
    assert checkpoints.latest().event_id == lines[-1]["event_id"]
    code, out = command("verify_audit")
    assert code == 0 and f"(event #{lines[-1]['event_id']})" in out


def test_a_broken_chain_is_never_checkpointed(history, checkpoint_file):
    rewrite_with_recomputed_hashes(history[1], {"title": "Rewritten"})
    code, out = command("write_audit_checkpoint")
    assert code == 1 and "no checkpoint was written" in out
    assert not checkpoint_file.exists()


def test_checkpoints_in_object_storage(history, tmp_path, enrolment, learner):
    storage = FileSystemStorage(location=tmp_path / "bucket")
    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    with (
        override_settings(AUDIT_CHECKPOINT_FILE="", AUDIT_CHECKPOINT_STORAGE="audit"),
        override_settings(
            STORAGES={
                **storages,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
                "audit": {
                    "BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "bucket")},
                },
            }
        ),
    ):
        assert command("write_audit_checkpoint")[0] == 0
        portfolio.create_entry(
            enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "Later"}, user=learner
        )
        assert command("write_audit_checkpoint")[0] == 0
        assert len(storage.listdir("audit-checkpoints")[1]) == 2
        assert checkpoints.latest().event_id == AuditEvent.objects.order_by("-id").first().pk
        drop_triggers()
        raw("DELETE FROM audit_auditevent WHERE id > %s", [history[-1]])
        raw("UPDATE audit_auditchainhead SET last_event_id = %s", [history[-1]])
        assert command("verify_audit")[0] == 1


def test_a_rotated_key_still_verifies_through_the_old_keys(history, enrolment, learner):
    new = "a-new-test-only-audit-seal-key"
    with override_settings(AUDIT_SEAL_KEY=new, AUDIT_SEAL_OLD_KEYS=[]):
        assert "head seal does not match" in verify().problem
    with override_settings(AUDIT_SEAL_KEY=new, AUDIT_SEAL_OLD_KEYS=["test-only-audit-seal-key"]):
        assert verify().whole
        portfolio.create_entry(
            enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "Later"}, user=learner
        )
        assert AuditChainHead.objects.get().key_id == seal.key_id(new)
    with override_settings(AUDIT_SEAL_KEY=new, AUDIT_SEAL_OLD_KEYS=[]):
        assert verify().whole, "the next append sealed the head under the new key"
