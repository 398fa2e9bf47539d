"""The attendance register: whether each learner of a cohort came to each of its workshops, as
the programme lead marks it. The learner's own note of a workshop is a portfolio entry
(`workshop_note`) and stays theirs; the mark is the lead's."""

from django.conf import settings
from django.db import models

from .cohorts import Enrolment, Workshop


class Attendance(models.Model):
    class Mark(models.TextChoices):
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Sent apologies"
        ABSENT = "absent", "Absent"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    mark = models.CharField(max_length=16, choices=Mark.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["workshop", "enrolment"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["workshop", "enrolment"], name="attendance_unique_learner"),
        ]
        # The register is read per workshop, the portfolio's schedule per enrolment.
        indexes = [models.Index(fields=["enrolment", "workshop"])]

    def __str__(self):
        return self.get_mark_display()
