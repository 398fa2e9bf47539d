"""Background jobs that survive the queue being down (ADR 14).

`enqueue(task, **kwargs)` hands a task to the queue once the caller's transaction commits, as
`transaction.on_commit(lambda: task.enqueue(...))` did; when the broker does not answer, the job is
kept in `OutboxJob` instead of failing a request whose change is already committed. `drain()` (the
`drain_outbox` command, run every minute) hands the waiting jobs to the queue, oldest first, and
stops at the first that still cannot be queued."""

import logging

from django.db import transaction
from django.utils.module_loading import import_string
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .models import OutboxJob

logger = logging.getLogger(__name__)

# What a broker that is down, unreachable or slow raises. Anything else (a bug, bad arguments) is
# raised as before: keeping it would only hide it.
BROKER_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)


def enqueue(task, **kwargs):
    """Queue `task` with `kwargs` after the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send_or_keep(task, kwargs))


def send_or_keep(task, kwargs):
    try:
        task.enqueue(**kwargs)
    except BROKER_ERRORS as error:
        OutboxJob.objects.create(task=task.module_path, arguments=kwargs, attempts=1, last_error=_kind(error))
        logger.warning("The queue did not answer (%s): %s kept in the outbox", _kind(error), task.module_path)
        return False
    return True


def drain(limit=500):
    """Hand up to `limit` waiting jobs to the queue, oldest first. Returns (sent, still waiting).
    A job is removed only once the queue has taken it; a broker still down leaves the rest in place
    for the next run."""
    sent = 0
    for job in OutboxJob.objects.order_by("id")[:limit]:
        task = import_string(job.task)
        try:
            task.enqueue(**job.arguments)
        except BROKER_ERRORS as error:
            OutboxJob.objects.filter(pk=job.pk).update(attempts=job.attempts + 1, last_error=_kind(error))
            break
        job.delete()
        sent += 1
    return sent, OutboxJob.objects.count()


def _kind(error):
    return type(error).__name__[:200]
