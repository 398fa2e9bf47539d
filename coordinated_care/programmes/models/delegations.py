"""A delegation: while the facilitator an enrolment names is not available, another facilitator
in the same practice or PCN assesses the learner for them, for a period, with a reason (the PD:
"support must be delegated within the team with appropriate feedback processes in place")."""

import uuid

from django.conf import settings
from django.db import models


class Delegation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="delegations")
    # The facilitator the enrolment named when the delegation was made: the delegate signs on
    # their behalf, and they are told what was done.
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations")
    # Both days included.
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="delegation_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["delegate", "starts_on", "ends_on"]),
            models.Index(fields=["enrolment", "ends_on"]),
        ]

    def __str__(self):
        return f"Delegation {self.pk}"

    def is_current(self, today):
        return self.withdrawn_at is None and self.starts_on <= today <= self.ends_on
