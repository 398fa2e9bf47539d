"""Which reminders each person chooses to receive and how often, and the reminders sent (ADR 19).

A person without a `ReminderChoice` for a kind has its default (`DEFAULTS`). `SentReminder` is the
record that makes `send_reminders` idempotent: one row per person, kind and period (an ISO week,
2026-W49, or a month, 2026-12), made in the transaction that queues the e-mail."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    FACILITATOR_DIGEST = "facilitator_digest", "Weekly digest of your learners"
    OVERDUE_ACTIONS = "overdue_actions", "Actions past their date"
    WORKSHOP_SOON = "workshop_soon", "A workshop in the coming week"
    BEHIND_PACE = "behind_pace", "Learners behind the pace of sign-off"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    MONTHLY = "monthly", "Once a month"
    NEVER = "never", "Never"


DEFAULTS = {kind: Frequency.WEEKLY for kind in Kind}
# A workshop reminder is about the coming week: once a month would miss most workshops.
FREQUENCIES = {kind: list(Frequency) for kind in Kind} | {Kind.WORKSHOP_SOON: [Frequency.WEEKLY, Frequency.NEVER]}


class ReminderChoice(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_choices")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="reminder_choice_one_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.frequency}"


class SentReminder(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    period = models.CharField(max_length=10)  # "2026-W49" or "2026-12"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "period"], name="sent_reminder_once_per_period")]
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.period}"
