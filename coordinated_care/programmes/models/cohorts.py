"""Cohorts run a programme from a start date; an enrolment puts one learner in a cohort with the
people who support and assess them."""

import datetime
import uuid

from django.conf import settings
from django.db import models

from coordinated_care.core import dates

from .programmes import Programme, WorkshopPlanItem


class Cohort(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200)
    start_date = models.DateField()
    training_provider = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="cohorts")
    leads = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="led_cohorts", blank=True)

    class Meta:
        ordering = ["-start_date", "name"]

    def __str__(self):
        return self.name

    @property
    def end_date(self):
        months = self.programme.duration_months
        year = self.start_date.year + (self.start_date.month - 1 + months) // 12
        month = (self.start_date.month - 1 + months) % 12 + 1
        day = min(self.start_date.day, 28)
        return datetime.date(year, month, day)


class Workshop(models.Model):
    """A cohort's workshop: its date follows from the plan and can be moved."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="workshops")
    plan_item = models.ForeignKey(WorkshopPlanItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    number = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=200)
    date = models.DateField()
    location = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="workshop_unique_number"),
        ]
        indexes = [models.Index(fields=["cohort", "date"])]

    def __str__(self):
        return f"WS{self.number}: {self.theme}"


class Enrolment(models.Model):
    """One learner on one cohort, with their practice and the people who support them. The
    people named here are the only ones, besides the cohort's leads, who may read the portfolio."""

    class Status(models.TextChoices):
        ACTIVE = "active", "In progress"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments")
    practice = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="enrolments")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitated_enrolments"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_enrolments",
    )
    # The PD's optional additional signatory often has no account: a name and e-mail are enough.
    additional_signatory_name = models.CharField(max_length=200, blank=True)
    additional_signatory_email = models.EmailField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cohort", "learner"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "learner"], name="enrolment_unique_learner"),
        ]
        indexes = [
            models.Index(fields=["facilitator", "status"]),
            models.Index(fields=["supervisor", "status"]),
            models.Index(fields=["learner", "status"]),
        ]

    def __str__(self):
        return f"{self.learner} on {self.cohort}"


class AccreditedTraining(models.Model):
    """The PCI-accredited two-day training expected before the programme."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="accredited_training")
    completed_on = models.DateField()
    provider = models.CharField(max_length=200)
    certificate = models.ForeignKey(
        "portfolios.Attachment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.provider}, {dates.date(self.completed_on)}"
