"""What documents are built from, per competency or component of a framework: shipped as data
(data/competency-content.json, written from the guide's definitions) and editable by
administrators in the Django admin. Keyed by the framework and the item's code, which are stable
across versions (frameworks/README.md), so new framework versions keep their content."""

from django.db import models

from .profiles import Level


class LevelDescriptor(models.Model):
    level = models.CharField(max_length=16, choices=Level.choices, unique=True)
    descriptor = models.TextField(help_text="What a person at this level does, in a sentence or two.")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.get_level_display()


class CompetencyContent(models.Model):
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.CASCADE, related_name="role_content")
    code = models.CharField(max_length=50, help_text="The competency's or component's code, e.g. COM.1.")
    responsibility = models.TextField(help_text="A key responsibility for a job description.")
    person_specification = models.TextField(help_text="A line for the person specification.")
    evidence_examples = models.TextField(help_text="Examples of evidence, one a line.")
    appraisal_prompts = models.TextField(help_text="Prompts for appraisal and supervision, one a line.")

    class Meta:
        ordering = ["framework", "code"]
        verbose_name_plural = "competency content"
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competency_content_unique_code"),
        ]

    def __str__(self):
        return self.code

    @property
    def evidence_lines(self):
        return [line.strip() for line in self.evidence_examples.splitlines() if line.strip()]

    @property
    def appraisal_lines(self):
        return [line.strip() for line in self.appraisal_prompts.splitlines() if line.strip()]


class InterviewQuestion(models.Model):
    content = models.ForeignKey(CompetencyContent, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=1)
    question = models.TextField()
    good_answer = models.TextField(help_text="What a good answer shows.")
    score_1 = models.TextField("1: not shown")
    score_2 = models.TextField("2: partly shown")
    score_3 = models.TextField("3: shown")
    score_4 = models.TextField("4: shown strongly")

    class Meta:
        ordering = ["content", "position"]

    def __str__(self):
        return self.question[:80]

    @property
    def scoring_guide(self):
        return [(1, self.score_1), (2, self.score_2), (3, self.score_3), (4, self.score_4)]
