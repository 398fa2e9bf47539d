"""`verify_audit` walks the chain and names the first event where it breaks: an altered row
(its hash no longer matches), a removed or inserted one (the next previous_hash no longer
matches), or events removed from the end (the head no longer matches)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from coordinated_care.audit import chain
from coordinated_care.audit.models import AuditEvent
from coordinated_care.audit.verify import verify
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Entry

from .conftest import drop_triggers, raw


@pytest.fixture
def history(enrolment, learner):
    """A few entries and so a chain of some length; returns the event ids in order."""
    for n in range(4):
        portfolio.create_entry(
            enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": f"Reflection {n}"}, user=learner
        )
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


def run_verify(**options):
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out, **options)
    return out.getvalue()


def test_a_whole_chain_is_reported_whole(history):
    output = run_verify()
    assert f"The audit chain is whole: {len(history)} events." in output
    assert f"Its last event is #{history[-1]}" in output


def test_an_empty_chain_is_whole(db):
    assert "The audit chain is whole: 0 events." in run_verify()


def test_it_reads_in_chunks(history):
    assert f"whole: {len(history)} events" in run_verify(chunk_size=2)


def test_an_altered_row_is_named(history):
    tampered = history[3]
    drop_triggers()
    raw("UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["Someone Else", tampered])
    with pytest.raises(CommandError, match=rf"hash mismatch at event #{tampered}\b") as error:
        run_verify()
    assert error.value.returncode == 1
    assert "3 events before it are whole" in str(error.value)


def test_an_altered_row_with_its_hash_made_again_is_caught_by_the_next_link(history):
    tampered = AuditEvent.objects.get(pk=history[2])
    names = (
        "previous_hash",
        "occurred_at",
        "actor_id",
        "action",
        "object_id",
        "object_label",
        "enrolment_id",
        "before",
        "after",
        "note",
    )
    fields = {name: getattr(tampered, name) for name in names}
    forged = chain.digest(**fields, actor_label="Someone Else", object_type=chain.object_type(tampered.content_type))
    drop_triggers()
    raw("UPDATE audit_auditevent SET actor_label = %s, hash = %s WHERE id = %s", ["Someone Else", forged, tampered.pk])
    verdict = verify()
    assert verdict.broken_at == history[3]
    assert f"does not follow event #{history[2]}" in verdict.problem


def test_an_event_rewritten_and_relinked_from_the_next_is_caught_by_the_next_hash(history):
    """The link is inside the hash: an event rewritten with its hash made again, and the next
    event's previous_hash moved to match, still breaks the next event, whose hash covered the
    link as it was recorded."""
    tampered = AuditEvent.objects.get(pk=history[2])
    names = (
        "previous_hash",
        "occurred_at",
        "actor_id",
        "action",
        "object_id",
        "object_label",
        "enrolment_id",
        "before",
        "after",
        "note",
    )
    fields = {name: getattr(tampered, name) for name in names}
    forged = chain.digest(**fields, actor_label="Someone Else", object_type=chain.object_type(tampered.content_type))
    drop_triggers()
    raw("UPDATE audit_auditevent SET actor_label = %s, hash = %s WHERE id = %s", ["Someone Else", forged, tampered.pk])
    raw("UPDATE audit_auditevent SET previous_hash = %s WHERE id = %s", [forged, history[3]])
    verdict = verify()
    assert verdict.broken_at == history[3]
    assert verdict.problem.startswith(f"hash mismatch at event #{history[3]}:")


def test_a_removed_row_is_named_by_the_event_after_it(history):
    drop_triggers()
    raw("DELETE FROM audit_auditevent WHERE id = %s", [history[2]])
    verdict = verify()
    assert verdict.broken_at == history[3]
    assert "previous_hash mismatch" in verdict.problem
    with pytest.raises(CommandError, match=rf"previous_hash mismatch at event #{history[3]}\b"):
        run_verify()


def test_rows_removed_from_the_end_are_noticed_through_the_head(history):
    drop_triggers()
    raw("DELETE FROM audit_auditevent WHERE id >= %s", [history[-2]])
    verdict = verify()
    assert not verdict.whole
    assert f"its head records event #{history[-1]}" in verdict.problem


def _forge(after_event, event_id):
    """A row that claims to follow `after_event`, with a correct hash: the best a forger can do."""
    fields = {
        "previous_hash": after_event.hash,
        "occurred_at": after_event.occurred_at,
        "actor_id": None,
        "actor_label": "forger",
        "action": "create",
        "object_id": "1",
        "object_label": "",
        "enrolment_id": None,
        "before": None,
        "after": None,
        "note": None,
    }
    forged = chain.digest(**fields, object_type=chain.object_type(after_event.content_type))
    raw(
        "INSERT INTO audit_auditevent (id, occurred_at, actor_label, action, content_type_id, object_id, object_label, "
        "previous_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [
            event_id,
            fields["occurred_at"],
            "forger",
            "create",
            after_event.content_type_id,
            "1",
            "",
            fields["previous_hash"],
            forged,
        ],
    )
    if connection.vendor == "postgresql":  # as a forger would, or the next real event collides with it
        raw("SELECT setval(pg_get_serial_sequence('audit_auditevent', 'id'), %s)", [event_id])


def test_a_row_inserted_after_the_last_event_is_named(history):
    last = AuditEvent.objects.get(pk=history[-1])
    drop_triggers()
    _forge(last, history[-1] + 10)
    verdict = verify()
    assert verdict.broken_at == history[-1] + 10
    assert "beyond the chain's head" in verdict.problem


def test_a_row_inserted_before_later_events_breaks_the_next_link(history, enrolment, learner):
    last = AuditEvent.objects.get(pk=history[-1])
    drop_triggers()
    _forge(last, history[-1] + 1)
    portfolio.create_entry(enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "Later"}, user=learner)
    following = AuditEvent.objects.filter(id__gt=history[-1] + 1).order_by("id").first()
    verdict = verify()
    assert verdict.broken_at == following.pk
    assert f"does not follow event #{history[-1] + 1}" in verdict.problem


def test_an_altered_head_is_noticed(history):
    raw("UPDATE audit_auditchainhead SET hash = %s", ["0" * 64])
    assert "head was altered" in verify().problem
