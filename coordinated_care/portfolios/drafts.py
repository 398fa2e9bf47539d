"""Unsaved writing kept on the server while a learner types, so that a dropped connection or an
expired session loses nothing (the browser keeps its own copy too: assets/js/portfolio-drafts.mjs).

A draft belongs to one person and one form. Its key names the portfolio and the form, for
example `<enrolment uuid>:entry:<entry uuid>`; the key is made here and only keys of this shape,
for a portfolio the person may write, are accepted back.

A draft is kept before the confidentiality guard has had its say at saving, so the server keeps no
draft that holds a patient identifier (anything the guard blocks: an NHS number, a postcode, a
telephone number, an e-mail address, a date of birth, an address). Such a draft is refused and an
earlier server copy of the form is removed; the browser's own copy stays on the device. Drafts are
forgotten after PORTFOLIO_DRAFT_DAYS (`manage.py purge_drafts`)."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coordinated_care.confidentiality.findings import Action
from coordinated_care.confidentiality.service import scan
from coordinated_care.programmes.services import can_edit_portfolio

from .models import Draft
from .services import discard_draft, save_draft

KEY_PATTERN = re.compile(r"^[0-9a-f-]{36}(:[a-z0-9-]{1,60}){1,2}$")
# Enough for every field of the longest form; a draft is writing, not a file store.
MAX_DRAFT_CHARS = 200_000
# Sent by the form or the script but not part of what was written. The confidentiality declaration
# is a deliberate act at the moment of saving, so it is never kept or restored.
NOT_WRITING = {"csrfmiddlewaretoken", "key", "discard", "next", "confidentiality_declaration"}


class IdentifierInDraft(ValidationError):
    """The draft holds a patient identifier, so it is not kept on the server."""


def draft_days():
    return settings.PORTFOLIO_DRAFT_DAYS


def key_for(enrolment, *parts):
    return ":".join([str(enrolment.uuid), *(str(part) for part in parts)])


def new_entry_key(enrolment, spec):
    return key_for(enrolment, "new", spec.slug)


def entry_key(enrolment, entry):
    return key_for(enrolment, "entry", entry.uuid)


def evidence_key(enrolment, entry):
    return key_for(enrolment, "evidence", entry.uuid)


def worksheet_key(enrolment):
    return key_for(enrolment, "values-worksheet")


def workshop_key(enrolment, workshop):
    return key_for(enrolment, "workshop", workshop.number)


def check_key(enrolment, key):
    if not isinstance(key, str) or not KEY_PATTERN.match(key) or not key.startswith(f"{enrolment.uuid}:"):
        raise ValidationError("That is not a form of this portfolio.")
    return key


def writing_from(post):
    """The fields of a submitted form as a draft holds them: text only, one value a field."""
    data = {name: post.get(name, "") for name in post if name not in NOT_WRITING}
    if sum(len(name) + len(value) for name, value in data.items()) > MAX_DRAFT_CHARS:
        raise ValidationError("This draft is too long to keep.")
    return data


def identifiers_in(data):
    """The kinds of identifier (finding types) the guard blocks in any text value of `data`."""
    return sorted(
        {
            finding.type
            for value in data.values()
            if isinstance(value, str) and value.strip()
            for finding in scan(value)
            if finding.action == Action.BLOCK
        }
    )


def keep(enrolment, *, user, key, data):
    """Keep the draft on the server, or, if it holds a patient identifier, refuse it
    (IdentifierInDraft) and forget the server's earlier copy of this form."""
    if not can_edit_portfolio(user, enrolment):
        raise PermissionDenied("Only the learner keeps drafts of their portfolio.")
    key = check_key(enrolment, key)
    if identifiers_in(data):
        discard_draft(user=user, key=key)
        raise IdentifierInDraft("Not saved on the server: remove the identifier first.", code="identifier")
    return save_draft(user=user, key=key, data=data)


def find(user, key):
    return Draft.objects.filter(user=user, key=key).first()


def purge(*, days=None, now=None):
    """Forget server drafts not touched for `days` (PORTFOLIO_DRAFT_DAYS); returns how many."""
    days = draft_days() if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = Draft.objects.filter(updated_at__lt=cutoff).delete()
    return deleted
