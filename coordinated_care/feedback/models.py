"""Feedback requests and the responses they bring.

What is kept is the least the portfolio needs (ADR 8): a request holds only the SHA-256 hash of its
link's token; a response holds the answers and the day it was received, never a time, never who
gave it (a member of staff may choose to give a name) and never which request it came from, so
that the learner cannot tell which card brought which answers. Declining consent keeps nothing."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coordinated_care.core import dates

from .questions import SCALE


class FeedbackRequest(models.Model):
    class Audience(models.TextChoices):
        PATIENT = "patient", "Patient, service user or carer"
        STAFF = "staff", "Member of staff in the practice"
        KEY_PERSON = "key_person", "Key person in the care coordinator’s learning"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        USED = "used", "Used"
        WITHDRAWN = "withdrawn", "Withdrawn"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="feedback_requests")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    # What the form shows about whom it is: the learner's first name unless they chose another.
    learner_name = models.CharField(max_length=100)
    # hex SHA-256 of the link's token; the token itself is shown once and never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    valid_days = models.PositiveSmallIntegerField()
    expires_on = models.DateField()
    emailed = models.BooleanField(default=False)
    created_on = models.DateField(default=timezone.localdate)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The workplace supervisor the learner asked (staff and key people only): the link is e-mailed to
    # their account's address and waits on their home, where they may answer it signed in. Nobody
    # else is ever named: a colleague's address is used, never kept (ADR 8).
    addressed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # Asking for feedback changes nothing of the portfolio's progress; the responses do
    # (portfolios.facts, ADR 22).
    counts_in_progress = False

    class Meta:
        ordering = ["-created_on", "-id"]
        indexes = [models.Index(fields=["enrolment", "state"]), models.Index(fields=["addressed_to", "state"])]

    def __str__(self):
        return f"{self.get_audience_display()} feedback request"

    def status_on(self, today):
        """open, used, withdrawn or expired: expiry is worked out from the day, not stored."""
        if self.state == self.State.OPEN and today > self.expires_on:
            return "expired"
        return self.state


class FeedbackResponse(models.Model):
    class Source(models.TextChoices):
        ONLINE = "online", "Given online"
        PAPER = "paper", "Transcribed from a paper form"

    class Respondent(models.TextChoices):
        PATIENT = "patient", "The patient or service user"
        CARER = "carer", "A carer or relative"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="feedback_responses")
    audience = models.CharField(max_length=16, choices=FeedbackRequest.Audience.choices)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.ONLINE)
    # The day only: a time could tie an answer to the person seen at that time.
    received_on = models.DateField()
    # Staff and key people only (the PD's "Date/time" of ongoing feedback): they give their role,
    # and a member of staff may give their name. Never for a patient or carer (above).
    received_at = models.DateTimeField(null=True, blank=True)
    # The patient / service user form.
    respondent = models.CharField(max_length=8, choices=Respondent.choices, blank=True)
    needs = models.PositiveSmallIntegerField(choices=SCALE, null=True, blank=True)
    choice = models.PositiveSmallIntegerField(choices=SCALE, null=True, blank=True)
    talked = models.PositiveSmallIntegerField(choices=SCALE, null=True, blank=True)
    respect = models.PositiveSmallIntegerField(choices=SCALE, null=True, blank=True)
    feelings = models.PositiveSmallIntegerField(choices=SCALE, null=True, blank=True)
    did_well = models.TextField(blank=True)
    do_differently = models.TextField(blank=True)
    # The staff and key-people forms.
    their_role = models.CharField(max_length=200, blank=True)
    input = models.TextField(blank=True)
    given_name = models.CharField(max_length=200, blank=True, help_text="Only a member of staff may give it.")
    # A paper form typed in by the learner (the PD's "Care Coordinator's signature").
    transcribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        # Within a day the order is the random uuid's, so the list does not replay the order of arrival.
        ordering = ["-received_on", "uuid"]
        indexes = [models.Index(fields=["enrolment", "audience", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="online", transcribed_by__isnull=True)
                | Q(source="paper", transcribed_by__isnull=False),
                name="feedback_response_transcriber_iff_paper",
            ),
            models.CheckConstraint(
                condition=Q(received_at__isnull=True) | ~Q(audience="patient"),
                name="feedback_response_no_time_for_patients",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"feedback_response_{name}_on_scale",
                )
                for name in ("needs", "choice", "talked", "respect", "feelings")
            ],
        ]

    def __str__(self):
        return f"{self.get_audience_display()} feedback, {dates.date(self.received_on)}"

    @property
    def is_transcribed(self):
        return self.source == self.Source.PAPER


class Countersignature(models.Model):
    """The assigned facilitator's confirmation that a transcription matches the paper form (the
    PD's "Practice based facilitator signature"). Made once, never changed."""

    MEANING = "countersigned transcription"

    response = models.OneToOneField(FeedbackResponse, on_delete=models.PROTECT, related_name="countersignature")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=100)
    signed_at = models.DateTimeField(default=timezone.now)  # stored in UTC (USE_TZ)
    meaning = models.CharField(max_length=100, default=MEANING)
    # What was signed: the answers as they stood, so a later change to them would show.
    content_hash = models.CharField(max_length=64)

    def __str__(self):
        return f"{self.meaning} by {self.signer}"


class ResponseEvidenceLink(models.Model):
    """A response put forward as evidence for a criterion, with how it shows it: the same shape as
    portfolios.EvidenceLink, which points at entries (a response is not an entry: nobody may edit it)."""

    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="evidence_links")
    criterion = models.ForeignKey(
        "programmes.Criterion", on_delete=models.PROTECT, related_name="feedback_evidence_links"
    )
    how_it_shows = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "criterion"], name="response_evidence_link_unique"),
        ]

    def __str__(self):
        return f"{self.response} → {self.criterion}"
