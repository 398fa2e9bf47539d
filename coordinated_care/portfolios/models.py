"""A learner's portfolio is the set of entries of their enrolment: case studies, reflections,
the values worksheet, actions of the action plan, interprofessional records, workshop notes,
training records and feedback they write in. Every kind shares one shape: a current content and
the versions before it, so that versions, evidence links, drafts and confidentiality checks work
the same way for all of them. What each kind holds is declared in `kinds.py`."""

import hashlib
import uuid

from django.conf import settings
from django.db import models


class Entry(models.Model):
    class Kind(models.TextChoices):
        CASE_STUDY = "case_study", "Case study"
        REFLECTION = "reflection", "Reflection"
        VALUES_WORKSHEET = "values_worksheet", "Values worksheet"
        ACTION = "action", "Action"
        INTERPROFESSIONAL_RECORD = "interprofessional_record", "Interprofessional record"
        WORKSHOP_NOTE = "workshop_note", "Workshop attendance and notes"
        TRAINING_RECORD = "training_record", "CPD and training record"
        KEY_PERSON_FEEDBACK = "key_person_feedback", "Feedback from a key person"
        STAFF_FEEDBACK = "staff_feedback", "Feedback from staff in practice"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    title = models.CharField(max_length=300)
    content = models.JSONField(default=dict)
    # Columns read by lists and the home page, kept beside the content so they can be queried.
    occurred_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, blank=True)
    workshop = models.ForeignKey(
        "programmes.Workshop", null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["enrolment", "kind", "-created_at"]
        verbose_name_plural = "entries"
        indexes = [
            models.Index(fields=["enrolment", "kind"]),
            models.Index(fields=["enrolment", "status", "due_on"]),
        ]
        constraints = [
            # Enforced here as well as in the services, so two tabs saving at once cannot make two.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=models.Q(kind="values_worksheet"),
                name="entry_one_values_worksheet",
            ),
            models.UniqueConstraint(
                fields=["enrolment", "workshop"],
                condition=models.Q(workshop__isnull=False),
                name="entry_one_note_per_workshop",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_action(self):
        return self.kind == self.Kind.ACTION

    def is_overdue(self, today):
        return self.is_action and self.status == self.Status.OPEN and self.due_on is not None and self.due_on < today


class EntryVersion(models.Model):
    """Every saved state of an entry. The newest equals the entry's content; sign-offs point here."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    content = models.JSONField()
    content_hash = models.CharField(max_length=64)
    # Names the confidentiality guard found in this version and the learner confirmed are not
    # patients, service users or carers: [{field, text, type, start, end}].
    declarations = models.JSONField(default=list, blank=True)
    # Set when an identifier was removed from this version's text (redaction.py). `content_hash`
    # stays the hash of the content as saved, which a signature may bind.
    redacted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="entry_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.entry} (version {self.number})"


class EvidenceLink(models.Model):
    """An entry put forward as evidence for a criterion, with how it shows it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="evidence_links")
    criterion = models.ForeignKey("programmes.Criterion", on_delete=models.PROTECT, related_name="evidence_links")
    how_it_shows = models.TextField()
    # SHA-256 of the claim as the learner wrote it, set by save(): a sign-off binds this hash, so a
    # claim rewritten later shows the sign-off as changed, in SQL. A redaction (redaction.py)
    # replaces an identifier in the text and leaves the hash alone: the claim is the one signed.
    how_it_shows_hash = models.CharField(max_length=64, blank=True)
    redacted_at = models.DateTimeField(null=True, blank=True)
    # As on EntryVersion: names in `how_it_shows` the learner confirmed may be written down.
    declarations = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "criterion"], name="evidence_link_unique"),
        ]

    def __str__(self):
        return f"{self.entry} → {self.criterion}"

    def save(self, *args, **kwargs):
        if not getattr(self, "_redacting", False):
            self.how_it_shows_hash = claim_hash(self.how_it_shows)
            if kwargs.get("update_fields") is not None and "how_it_shows" in kwargs["update_fields"]:
                kwargs["update_fields"] = [*kwargs["update_fields"], "how_it_shows_hash"]
        super().save(*args, **kwargs)


def claim_hash(text):
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


def attachment_path(instance, filename):
    # Stored under a random name: the original name may say more than it should and is kept apart.
    return f"attachments/{instance.enrolment.uuid}/{instance.uuid}"


class Attachment(models.Model):
    """An uploaded file (a certificate, a document). Served only through a view that checks
    who may read the portfolio it belongs to."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="attachments")
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Set when a signature binds the file's SHA-256 (assessments, ADR 7): such a file is never
    # deleted. Removing it hides it instead (`hidden_at`): gone from the entry, so the sign-off
    # shows "changed since sign-off", but kept in storage as the evidence that was signed.
    signed = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name


class Draft(models.Model):
    """Unsaved writing kept on the server, so a dropped connection or an expired session loses
    nothing. One per person and form; removed when the form is saved."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    key = models.CharField(max_length=200)
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="draft_unique_key")]

    def __str__(self):
        return self.key


class ProgressFacts(models.Model):
    """What a portfolio's progress counts found, kept for the lists that show many portfolios at
    once (portfolios.facts): fresh while `computed_version` is `version`, which every change to
    the portfolio bumps."""

    enrolment = models.OneToOneField(
        "programmes.Enrolment", on_delete=models.CASCADE, primary_key=True, related_name="progress_facts"
    )
    version = models.PositiveBigIntegerField(default=1)
    computed_version = models.PositiveBigIntegerField(default=0)
    facts = models.JSONField(default=dict)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "progress facts"

    def __str__(self):
        return f"Progress facts of enrolment {self.enrolment_id}"


class CriterionExamples(models.Model):
    """An administrator's replacement for what the suggested criteria read about one criterion
    (portfolios.suggestions): its short description and its examples of evidence, one a line.
    Without one, the description and examples shipped in `suggestions/data/` are used. Written by
    the service's staff, never from a learner's text, so that no learner's writing reaches another."""

    criterion = models.OneToOneField(
        "programmes.Criterion", on_delete=models.CASCADE, primary_key=True, related_name="suggestion_examples"
    )
    summary = models.CharField(max_length=200, blank=True, help_text="One short line shown under the criterion.")
    examples = models.TextField(
        help_text="Examples of evidence for this criterion, one a line, in the words care coordinators use."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "criterion examples for suggestions"
        verbose_name_plural = "criterion examples for suggestions"

    def __str__(self):
        return f"Examples for {self.criterion_id}"

    def example_lines(self):
        return [line.strip() for line in self.examples.splitlines() if line.strip()]
