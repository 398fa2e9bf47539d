"""Unsaved writing kept on the server while a learner types, so that a dropped connection or an
expired session loses nothing (the browser keeps its own copy too: assets/js/portfolio-drafts.mjs).

A draft belongs to one person and one form. Its key names the portfolio and the form, for
example `<enrolment uuid>:entry:<entry uuid>`; the key is made here and only keys of this shape,
for a portfolio the person may write, are accepted back."""

import re

from django.core.exceptions import PermissionDenied, ValidationError

from coordinated_care.programmes.services import can_edit_portfolio

from .models import Draft
from .services import save_draft

KEY_PATTERN = re.compile(r"^[0-9a-f-]{36}(:[a-z0-9-]{1,60}){1,2}$")
# Enough for every field of the longest form; a draft is writing, not a file store.
MAX_DRAFT_CHARS = 200_000
# Sent by the form or the script but not part of what was written. The confidentiality declaration
# is a deliberate act at the moment of saving, so it is never kept or restored.
NOT_WRITING = {"csrfmiddlewaretoken", "key", "discard", "next", "confidentiality_declaration"}


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


def keep(enrolment, *, user, key, data):
    if not can_edit_portfolio(user, enrolment):
        raise PermissionDenied("Only the learner keeps drafts of their portfolio.")
    return save_draft(user=user, key=check_key(enrolment, key), data=data)


def find(user, key):
    return Draft.objects.filter(user=user, key=key).first()
