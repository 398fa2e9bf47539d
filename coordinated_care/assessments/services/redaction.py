"""What a redaction of a portfolio entry (portfolios.redaction, ADR 12) changes here: the entry's
title as signed evidence keeps it. Signed evidence is append-only (models/immutable.py); this is
the one rewrite allowed, of the copied title only, never of what a signature binds (the entry's
uuid, version and hashes), and never recorded again in the audit trail, whose own copies the
redaction rewrites itself."""

from django.db import models

from ..models import SignedEvidence


def redact_signed_titles(entry, replace):
    for pk, title in SignedEvidence.objects.filter(entry_uuid=entry.uuid).values_list("pk", "title"):
        new = replace(title)
        if new != title:
            models.QuerySet.update(SignedEvidence.objects.filter(pk=pk), title=new)
