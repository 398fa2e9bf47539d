"""Reads that may be served by a PostgreSQL replica (DATABASE_REPLICA_URL).

Only code that says so reads from the replica: the dashboards' figures and their downloads
(reports.dashboards.views, after deciding on the primary who may see them), which may be a moment
behind. Everything else reads from the primary, so a person always sees what they have just
saved, and every write goes to the primary whatever the context."""

import contextlib
import contextvars

from django.conf import settings

_reading_from_replica = contextvars.ContextVar("reading_from_replica", default=False)


@contextlib.contextmanager
def reading_from_replica():
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_from_replica.get() and "replica" in settings.DATABASES:
            return "replica"
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
