"""What documents are built from, per competency or component of a framework version: shipped as
data (data/competency-content.json, written from the guide's definitions) and edited by
administrators with a framework draft (ADR 23).

Content belongs to a framework version and an item's code. A version holds only the content it
changed: what it does not hold it reads from the newest published (or retired) version before it
that does (services/content.py, `content_by_code`). A draft's edits are its own rows, so publishing
the draft makes them the published content and no earlier version's content ever changes. Once its
version is published, a row never changes (the services refuse, and so do `save()`/`delete()`)."""

from django.db import models

from coordinated_care.core.versions import DraftOnlyRow
from coordinated_care.frameworks.models import FrameworkVersion, VersionLocked

from .profiles import Level


class LevelDescriptor(models.Model):
    level = models.CharField(max_length=16, choices=Level.choices, unique=True)
    descriptor = models.TextField(help_text="What a person at this level does, in a sentence or two.")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.get_level_display()


def _refuse_unless_draft(version_id, what):
    # Compared with the stored version, not an instance that may be stale.
    status = FrameworkVersion.objects.filter(pk=version_id).values_list("status", flat=True).first()
    if status is not None and status != FrameworkVersion.Status.DRAFT:
        raise VersionLocked(f"The content of a {status} framework version never changes ({what}).")


class CompetencyContent(DraftOnlyRow, models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="role_content")
    code = models.CharField(max_length=50, help_text="The competency's or component's code, e.g. COM.1.")
    responsibility = models.TextField(help_text="A key responsibility for a job description.")
    person_specification = models.TextField(help_text="A line for the person specification.")
    evidence_examples = models.TextField(help_text="Examples of evidence, one a line.")
    appraisal_prompts = models.TextField(help_text="Prompts for appraisal and supervision, one a line.")

    class Meta:
        ordering = ["version", "code"]
        verbose_name_plural = "competency content"
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="competency_content_unique_version_code"),
        ]

    def __str__(self):
        return self.code

    def refuse_unless_draft(self, *, deleting):
        # A new row may fill in what a published version lacks (load_shipped_content); a stored
        # row of a published version never changes.
        if self.pk is not None or deleting:
            _refuse_unless_draft(self.version_id, self.code)

    @property
    def evidence_lines(self):
        return [line.strip() for line in self.evidence_examples.splitlines() if line.strip()]

    @property
    def appraisal_lines(self):
        return [line.strip() for line in self.appraisal_prompts.splitlines() if line.strip()]


class InterviewQuestion(DraftOnlyRow, models.Model):
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

    def refuse_unless_draft(self, *, deleting):
        version_id = CompetencyContent.objects.filter(pk=self.content_id).values_list("version_id", flat=True).first()
        _refuse_unless_draft(version_id, f"an interview question of {self.content_id}")
