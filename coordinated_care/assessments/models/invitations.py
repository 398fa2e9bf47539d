"""Invitations to sign a review for someone without an account: an additional signatory or a
workplace supervisor. The link's token and the e-mailed code are kept only as hashes."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Invitation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey("programmes.Enrolment", on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey("assessments.Review", on_delete=models.PROTECT, related_name="invitations")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    # SHA-256 of the link's random token (256 bits): enough to find it, useless to anyone who reads it.
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # The six-digit code e-mailed before signing, as a password hash; its attempts are counted.
    code_hash = models.CharField(max_length=128, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    codes_sent = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation to {self.name} to sign {self.review}"

    def state(self, now=None):
        now = now or timezone.now()
        if self.used_at:
            return "used"
        if self.cancelled_at:
            return "cancelled"
        if self.expires_at <= now:
            return "expired"
        return "open"
