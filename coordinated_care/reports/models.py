"""A record of every portfolio PDF the service made, so that a copy can be checked later.

The record holds the SHA-256 of the file's exact bytes, the enrolment it is of, who asked for it
and when, the fingerprint of the portfolio content it covered (so that anyone checking can be told
whether the portfolio has changed since) and the short code printed on each of its pages. The code
finds the record; the hash says whether the file is the one made. A record is written before its
PDF is rendered (the code must be on the pages), and completed once the file is stored."""

import uuid

from django.conf import settings
from django.db import models


def export_path(instance, filename):
    # A random name: the learner's name is not in the path of a stored file.
    return f"portfolio-exports/{instance.enrolment.uuid}/{instance.uuid}.pdf"


class PortfolioExport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Could not be made"

    class Via(models.TextChoices):
        WEB = "web", "The portfolio's download button"
        COMMAND = "command", "The export_portfolio command"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="portfolio_exports")
    # Kept without dashes (12 characters of an alphabet without look-alikes); shown as XXXX-XXXX-XXXX.
    code = models.CharField(max_length=12, unique=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The name and role as they were when asked, shown by /verify/ even if the account changes.
    requested_by_name = models.CharField(max_length=200)
    requested_via = models.CharField(max_length=8, choices=Via.choices)
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    generated_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to=export_path, max_length=300, blank=True)
    # What went wrong, in words fit for the person who asked (details go to the log).
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["enrolment", "requested_by", "requested_at"])]

    def __str__(self):
        return f"Portfolio PDF {self.display_code} of {self.enrolment}"

    @property
    def display_code(self):
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
