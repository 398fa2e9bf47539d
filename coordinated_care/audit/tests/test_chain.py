"""The hash chain: each event names the hash of the one before, and appends never fork it,
however many transactions write at once."""

import datetime
import hashlib
import json
import threading

import pytest
from django.db import connection, connections, transaction

from coordinated_care.audit import chain
from coordinated_care.audit.models import AuditChainHead, AuditEvent
from coordinated_care.audit.verify import verify
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Entry

from .conftest import CASE_STUDY


def _links():
    return list(AuditEvent.objects.order_by("id").values_list("id", "previous_hash", "hash"))


def test_the_first_event_starts_the_chain_and_the_head_follows_the_last(enrolment):
    links = _links()
    assert links[0][1] == chain.GENESIS
    head = AuditChainHead.objects.get()
    assert (head.last_event_id, head.hash) == (links[-1][0], links[-1][2])


def test_two_transactions_one_after_the_other_chain_correctly(enrolment, learner):
    with transaction.atomic():
        first = portfolio.create_entry(
            enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "One"}, user=learner
        )
    with transaction.atomic():
        second = portfolio.create_entry(
            enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "Two"}, user=learner
        )
    links = _links()
    for (_, _, previous), (_, link, _) in zip(links, links[1:], strict=False):
        assert link == previous
    ids = [
        e.id
        for e in AuditEvent.objects.filter(object_id__in=[str(first.pk), str(second.pk)], content_type__model="entry")
    ]
    assert ids == sorted(ids)
    assert verify().whole


def test_the_hash_covers_what_the_event_says(entry):
    event = AuditEvent.objects.filter(content_type__model="entry").get()
    fields = {
        "previous_hash": event.previous_hash,
        "occurred_at": event.occurred_at,
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": "portfolios.entry",
        "object_id": event.object_id,
        "object_label": event.object_label,
        "enrolment_id": event.enrolment_id,
        "before": event.before,
        "after": event.after,
        "note": event.note,
    }
    assert chain.digest(**fields) == event.hash
    for name, other in [
        ("actor_label", "someone else"),
        ("after", {**event.after, "title": "x"}),
        ("enrolment_id", 999),
    ]:
        assert chain.digest(**{**fields, name: other}) != event.hash


def test_a_known_event_hashes_over_the_previous_hash_and_what_it_says():
    """Pinned: every event ever written was hashed over exactly these bytes, the link to the event
    before first, so that relinking an event means making every later hash again."""
    fields = {
        "previous_hash": "1" * 64,
        "occurred_at": datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC),
        "actor_id": 7,
        "actor_label": "Test Learner",
        "action": "update",
        "object_type": "portfolios.entry",
        "object_id": "42",
        "object_label": "Case study 1",
        "enrolment_id": 3,
        "before": {"title": "Old"},
        "after": {"title": "New"},
        "note": "",
    }
    payload = [
        "audit-v1",
        "1" * 64,
        "2026-03-01T09:30:00.000000+00:00",
        7,
        "Test Learner",
        "update",
        "portfolios.entry",
        "42",
        "Case study 1",
        3,
        {"title": "Old"},
        {"title": "New"},
        "",
    ]
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    known = "6f22cb345f8a95c38d663590a4774ec0a9021519fe5f34add9fc8cacb35b0712"
    assert chain.digest(**fields) == hashlib.sha256(text.encode("utf-8")).hexdigest() == known
    assert chain.digest(**{**fields, "previous_hash": "2" * 64}) != known


def test_a_lost_head_is_started_again_from_the_last_event(entry, learner):
    last = AuditEvent.objects.latest("id")
    AuditChainHead.objects.all().delete()
    portfolio.update_entry(entry, content={**CASE_STUDY, "overview": "Again"}, user=learner, seen_version=1)
    assert AuditEvent.objects.filter(id__gt=last.id).order_by("id").first().previous_hash == last.hash
    assert verify().whole


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer in at a time (BEGIN IMMEDIATE)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_on_postgresql_never_fork_the_chain(enrolment, learner):
    writers, per_writer = 8, 5
    start = threading.Barrier(writers)
    errors = []

    def write(n):
        try:
            start.wait()
            for i in range(per_writer):
                portfolio.create_entry(
                    enrolment=enrolment,
                    kind=Entry.Kind.REFLECTION,
                    content={"title": f"Writer {n}, entry {i}"},
                    user=learner,
                )
        except Exception as error:  # reported below: an exception in a thread is otherwise lost
            errors.append(error)
        finally:
            connections.close_all()

    before = AuditEvent.objects.count()  # the enrolment's and its cohort's workshops'
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    verdict = verify()
    assert verdict.whole, verdict.problem
    # An entry and its first version each: two events per write.
    assert Entry.objects.count() == writers * per_writer
    assert verdict.events == AuditEvent.objects.count() == before + 2 * writers * per_writer
    assert len(set(AuditEvent.objects.values_list("previous_hash", flat=True))) == verdict.events
