"""Helpers for the audit trail's tests: an entry in the learner's portfolio, the events recorded,
and a way to take the database's guard off for a tampering test (the test's transaction puts it
back: DDL is transactional on SQLite and PostgreSQL)."""

import pytest
from django.db import connection

from coordinated_care.audit.models import AuditEvent
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Entry

CASE_STUDY = {
    "title": "Case study 1: leaving hospital",
    "overview": "An older person living alone needed support after a hospital stay.",
    "coordination": "I arranged a review with the community team.",
    "outcomes": "They felt supported at home.",
}


@pytest.fixture
def entry(enrolment, learner):
    return portfolio.create_entry(enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=learner)


def events_for(obj, pk=None):
    """The events of `obj`, oldest first. Pass `pk` for an object already deleted (Django clears it)."""
    pk = obj.pk if pk is None else pk
    return list(AuditEvent.objects.filter(content_type__model=obj._meta.model_name, object_id=str(pk)).order_by("id"))


def drop_triggers():
    """Remove the append-only triggers, as someone with the database owner's rights could."""
    from coordinated_care.audit import triggers

    triggers.remove(connection)


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
