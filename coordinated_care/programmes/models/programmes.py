"""A programme is a template built from a framework version used as a menu: its assessment
criteria (in the programme's own wording, each mapped to framework competencies), the documents
a portfolio must hold, its length and its workshop plan."""

import uuid
from uuid import uuid4

from django.db import models


class Programme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="programmes"
    )
    duration_months = models.PositiveSmallIntegerField(default=6)
    prerequisite = models.TextField(
        blank=True, help_text="Training expected before the programme starts, which each learner records."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Versions (ADR 17): each version of a programme is a row of its own, with its own criteria,
    # documents, workshop plan and values, so a cohort on a version keeps what it was built on.
    # All versions of one programme share the lineage; a published version is never changed.
    lineage = models.UUIDField(default=uuid4, editable=False, db_index=True)
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title", "version"]
        constraints = [
            models.UniqueConstraint(fields=["lineage", "version"], name="programme_unique_version"),
        ]

    def __str__(self):
        return self.title


class CriterionGroup(models.Model):
    """The programme's own grouping of its criteria, e.g. the PD's "Personalised Care" table."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criterion_groups")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    evidence_guidance = models.TextField(blank=True)
    notes = models.TextField(blank=True, help_text="Editorial notes, e.g. where the source's text was mended.")
    position = models.PositiveSmallIntegerField()
    framework_domain = models.ForeignKey(
        "frameworks.FrameworkItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="criterion_group_unique_code"),
        ]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """An assessment criterion in the programme's wording. Its mapping to the framework is many
    to many: the PD and the guide overlap but are not the same list."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    group = models.ForeignKey(CriterionGroup, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    wording = models.TextField()
    notes = models.TextField(blank=True, help_text="Editorial notes, e.g. where the source's text was mended.")
    position = models.PositiveSmallIntegerField()
    competencies = models.ManyToManyField("frameworks.FrameworkItem", related_name="criteria", blank=True)

    class Meta:
        ordering = ["programme", "group__position", "position"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="criterion_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class RequiredDocument(models.Model):
    """A document the portfolio must hold, and how many of it."""

    class Kind(models.TextChoices):
        INITIAL_DISCUSSION = "initial_discussion", "Initial discussion with the practice-based facilitator"
        VALUES_WORKSHEET = "values_worksheet", "Key values of person-centred care worksheet"
        CASE_STUDY = "case_study", "Case studies"
        ACTION_PLAN = "action_plan", "Action plan"
        INTERPROFESSIONAL_RECORD = "interprofessional_record", "Record of interprofessional working"
        FEEDBACK = "feedback", "Feedback from key people, staff and patients"
        FINAL_REVIEW = "final_review", "Final review with the checklist of assessed documents"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="required_documents")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    minimum = models.PositiveSmallIntegerField(default=1)
    guidance = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="required_document_unique_kind"),
        ]

    def __str__(self):
        return self.get_kind_display()


class WorkshopPlanItem(models.Model):
    """One workshop of the programme's plan (WS1–WS12) and when it falls after the start."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="workshop_plan")
    number = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=200)
    weeks_after_start = models.PositiveSmallIntegerField()
    criterion_group = models.ForeignKey(
        CriterionGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="workshops"
    )

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="workshop_plan_unique_number"),
        ]

    def __str__(self):
        return f"WS{self.number}: {self.theme}"


class PersonCentredValue(models.Model):
    """A value of the values worksheet. The PD names eight; an administrator may change the list."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="values")
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="person_centred_value_unique_name"),
        ]

    def __str__(self):
        return self.name
