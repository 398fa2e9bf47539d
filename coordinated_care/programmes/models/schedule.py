"""A learner's own learning and development schedule: the cohort's workshops, adapted for one
learner by their facilitator or a programme lead. Each adaptation moves one of the cohort's
workshops to another date, marks it not applicable to this learner, or adds a workshop the cohort
does not have, always with the reason; the cohort's workshop itself is left as it is."""

from django.conf import settings
from django.db import models

from .cohorts import Enrolment, Workshop


class ScheduleChange(models.Model):
    class Kind(models.TextChoices):
        MOVED = "moved", "Moved"
        NOT_APPLICABLE = "not_applicable", "Not applicable"
        ADDED = "added", "Added"

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="schedule_changes")
    # The cohort's workshop this changes; none for a workshop added for this learner alone.
    workshop = models.ForeignKey(
        Workshop, null=True, blank=True, on_delete=models.CASCADE, related_name="schedule_changes"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The learner's date, for a moved or added workshop.
    date = models.DateField(null=True, blank=True)
    # An added workshop's theme.
    theme = models.CharField(max_length=200, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["enrolment", "date", "pk"]
        constraints = [
            # One change of each cohort workshop per learner: a second one replaces the first.
            models.UniqueConstraint(
                fields=["enrolment", "workshop"],
                condition=models.Q(workshop__isnull=False),
                name="schedule_change_unique_workshop",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()
