"""The outbox: background jobs kept in the database while the queue's broker (Redis) does not
answer, so that a person's save never fails because an e-mail could not be queued (ADR 14)."""

from django.db import models
from django.utils import timezone


class OutboxJob(models.Model):
    """One task waiting to be handed to the queue: its dotted path and its keyword arguments, which
    are JSON already (ADR 5). Removed once the queue has taken it."""

    task = models.CharField(max_length=200)
    arguments = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    # The kind of failure only (the exception's class), never its message: a message may carry an
    # address or a link.
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.task} waiting since {self.created_at:%Y-%m-%d %H:%M} ({self.attempts} attempts)"
