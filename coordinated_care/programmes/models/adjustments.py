"""Reasonable adjustments: the PD asks the practice-based facilitator to "be aware of any
disability or needs that require reasonable adjustments and allow for this". Each is recorded on
the enrolment, by the learner or by those who support them, and agreed by a facilitator or a
lead of the cohort. Only the learner, their facilitators (a delegate too) and the cohort's leads
may see one (`programmes.services.adjustments`): never a report, a dashboard or the portfolio PDF."""

import uuid

from django.conf import settings
from django.db import models


class ReasonableAdjustment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(
        "programmes.Enrolment", on_delete=models.CASCADE, related_name="reasonable_adjustments"
    )
    # What the adjustment is, in the words the learner and their facilitator agree.
    adjustment = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Who agreed it, and when: empty while the learner's own record waits to be agreed.
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agreed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["enrolment", "recorded_at", "pk"]

    def __str__(self):
        # Never the adjustment itself: this names the record in histories and the admin's lists.
        return f"Reasonable adjustment {self.pk}"
