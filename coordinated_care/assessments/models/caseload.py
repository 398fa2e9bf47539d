from django.conf import settings
from django.db import models
from django.utils import timezone


class LastLooked(models.Model):
    """When a facilitator last opened a learner's portfolio or one of their requests: evidence
    added after it is new to them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.CASCADE, related_name="+")
    looked_at = models.DateTimeField(default=timezone.now)

    # A look changes nothing of the portfolio's progress (portfolios.facts, ADR 22).
    counts_in_progress = False

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "enrolment"], name="last_looked_unique")]

    def __str__(self):
        return f"{self.user} looked at {self.enrolment} at {self.looked_at}"
