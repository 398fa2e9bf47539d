"""Removing a patient identifier from text already saved (issue 16, item 5; ADR 12).

When an identifier is found in saved writing (by `scan_existing`, or reported by a facilitator or
the learner), the learner or an administrator redacts it: every occurrence of the exact text, in
the entry's current content and title, in every earlier version, in its claims of how it shows a
criterion, in the names declared with them, and in the portfolio's audit history, is replaced by
MARKER. What stays:

- the versions' numbers and `content_hash` and the claims' `how_it_shows_hash`: the hashes of what
  was written, which a signature binds, so a sign-off made on the text still stands and says
  "redacted after signing" (`redacted_at` is set) instead of breaking silently or quietly reading
  as changed;
- the audit chain, verifiable: the events of the entry's history (its own, its versions', claims',
  files' and signed evidence's) are rewritten and keep their hashes, and the redaction's own
  event (who, when, which fields, why; never the text) vouches for their new contents.

The records are rewritten with QuerySet.update, which the audit trail's signals do not see: a
change event would copy the text into the history again. Apps above the portfolio that copy its
text (the titles signed evidence keeps) are told through `providers.register_redaction`.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from coordinated_care import audit
from coordinated_care.programmes.services import is_administrator

from . import facts, providers
from .kinds import KINDS
from .models import Draft, Entry, EntryVersion, EvidenceLink

MARKER = "[removed: patient identifier]"
EVERY_FIELD = "all"
MIN_LENGTH = 2
REASON_MAX = 500


@dataclass(frozen=True)
class Redacted:
    entry: Entry
    fields: tuple  # the fields the text was removed from, as the event names them
    versions: int  # versions rewritten
    events: int  # audit events rewritten


def can_redact(user, enrolment):
    """The learner whose portfolio it is, at any stage of it, or an administrator."""
    return user is not None and user.is_authenticated and (user.pk == enrolment.learner_id or is_administrator(user))


def field_choices(entry):
    """(value, label) of the parts of an entry a redaction may be limited to."""
    spec = KINDS.get(entry.kind)
    labels = {f.name: f.label for f in spec.fields} if spec else {}
    choices = [(EVERY_FIELD, "Every part of this entry"), ("title", "Title")]
    for key, value in entry.content.items():
        if isinstance(value, str | dict | list) and key != "title":
            choices.append((f"content.{key}", labels.get(key, key.replace("_", " ").capitalize())))
    for link in entry.evidence_links.select_related("criterion").order_by("criterion__code"):
        choices.append((f"how_it_shows.{link.criterion.code}", f"How this shows {link.criterion.code}"))
    return choices


def _replace_in(value, text):
    """(new value, whether it changed), replacing `text` in every string of a JSON value."""
    if isinstance(value, str):
        new = value.replace(text, MARKER)
        return new, new != value
    if isinstance(value, list):
        items = [_replace_in(item, text) for item in value]
        return [item for item, _ in items], any(changed for _, changed in items)
    if isinstance(value, dict):
        items = {key: _replace_in(item, text) for key, item in value.items()}
        return {key: item for key, (item, _) in items.items()}, any(changed for _, changed in items.values())
    return value, False


def _clean(text, reason):
    text = text or ""
    reason = (reason or "").strip()
    errors = {}
    if len(text.strip()) < MIN_LENGTH:
        errors["text"] = "Enter the identifier to remove, exactly as it is written"
    if not reason:
        errors["reason"] = "Enter why it is being removed"
    elif len(reason) > REASON_MAX:
        errors["reason"] = f"The reason must be {REASON_MAX} characters or fewer"
    elif text.strip() and text.strip() in reason:
        errors["reason"] = "Say why without writing the identifier itself: the reason is kept in the history"
    if errors:
        raise ValidationError(errors)
    return text.strip(), reason


def redact(entry, *, text, reason, user=None, field=EVERY_FIELD, by_command=False):
    """Replace every occurrence of `text` in the entry (or in one `field` of it) by MARKER, in
    every version and the portfolio's history. `by_command` is `scan_existing --redact-blocking`,
    run by an operator, with no user. Raises ValidationError if the text is not there."""
    if not by_command and not can_redact(user, entry.enrolment):
        raise PermissionDenied("Only the learner or an administrator can remove text from a portfolio.")
    text, reason = _clean(text, reason)
    if by_command:
        with transaction.atomic():
            return _redact(entry, text=text, reason=reason, field=field)
    # Who redacted is recorded as the person, in or out of a request.
    with transaction.atomic(), audit.acting_as(user):
        return _redact(entry, text=text, reason=reason, field=field)


def _wanted(field, name):
    # An entry's title is also kept in its content by the kinds that take it from a field.
    return field in (EVERY_FIELD, name) or (field == "title" and name == "content.title")


def _redact(entry, *, text, reason, field):
    entry = Entry.objects.select_for_update().select_related("enrolment").get(pk=entry.pk)
    now = timezone.now()
    fields = []
    # The entry as it is now.
    updates = {}
    if _wanted(field, "title") and text in entry.title:
        updates["title"] = entry.title.replace(text, MARKER)
        fields.append("title")
    content = dict(entry.content)
    for key, value in entry.content.items():
        if _wanted(field, f"content.{key}"):
            content[key], changed = _replace_in(value, text)
            if changed:
                fields.append(f"content.{key}")
    if content != entry.content:
        updates["content"] = content
    # Every version: their content, title and the names declared with them.
    versions = 0
    for version in EntryVersion.objects.select_for_update().filter(entry=entry).order_by("number"):
        changes = {}
        if _wanted(field, "title") and text in version.title:
            changes["title"] = version.title.replace(text, MARKER)
            if "title" not in fields:
                fields.append("title")
        new_content = dict(version.content)
        for key, value in version.content.items():
            if _wanted(field, f"content.{key}"):
                new_content[key], changed = _replace_in(value, text)
                if changed and f"content.{key}" not in fields:
                    fields.append(f"content.{key}")
        if new_content != version.content:
            changes["content"] = new_content
        if changes:
            changes["declarations"], _ = _replace_in(version.declarations, text)
            EntryVersion.objects.filter(pk=version.pk).update(redacted_at=now, **changes)
            versions += 1
    # Its claims of how it shows each criterion (the hash signed stays: see the module's note).
    for link in EvidenceLink.objects.select_for_update().filter(entry=entry).select_related("criterion"):
        name = f"how_it_shows.{link.criterion.code}"
        if _wanted(field, name) and text in link.how_it_shows:
            declarations, _ = _replace_in(link.declarations, text)
            EvidenceLink.objects.filter(pk=link.pk).update(
                how_it_shows=link.how_it_shows.replace(text, MARKER), declarations=declarations, redacted_at=now
            )
            fields.append(name)
    if not fields:
        raise ValidationError({"text": "That text is not in this entry: copy it exactly as it is written"})
    if updates:
        Entry.objects.filter(pk=entry.pk).update(**updates)
    # Written past the models' signals: its stored progress facts are counted again.
    facts.changed(enrolment_id=entry.enrolment_id)
    # Unsaved drafts holding it would put it back on the next save.
    for draft in Draft.objects.filter(user__in=[entry.enrolment.learner_id, entry.created_by_id]):
        if _replace_in(draft.data, text)[1]:
            draft.delete()

    def replace(value):
        return value.replace(text, MARKER)

    providers.redacted(entry, replace)
    vouchers = audit.redact_events(enrolment_id=entry.enrolment_id, replace=replace, belongs=_of_entry(entry))
    entry.refresh_from_db()
    audit.record_redaction(entry, fields=fields, reason=reason, vouchers=vouchers)
    return Redacted(entry=entry, fields=tuple(fields), versions=versions, events=len(vouchers))


def _of_entry(entry):
    """Which of the portfolio's events are the entry's history: its own, and those of the records
    that name it (its versions, claims and files by id; signed evidence by uuid). Other entries'
    events are left alone: they are redacted with their own entry."""
    entry_type, entry_id, entry_uuid = Entry._meta.label_lower, str(entry.pk), str(entry.uuid)
    # A record's create event holds every field, the entry's among them; its later change events
    # only what changed. Events come oldest first, so a record is known by the time it changes.
    known = set()

    def belongs(event):
        if event["type"] == entry_type:
            return event["object_id"] == entry_id
        record = (event["type"], event["object_id"])
        if record in known:
            return True
        for values in (event["before"], event["after"]):
            if isinstance(values, dict) and (
                values.get("entry") == entry.pk or str(values.get("entry_uuid", "")) == entry_uuid
            ):
                known.add(record)
                return True
        return False

    return belongs


def redact_record(model_label, pk, texts, *, reason):
    """For `scan_existing --redact-blocking`: remove `texts` from the stored record the scan read
    (an Entry, one of its versions or an EvidenceLink: the whole entry is redacted). Returns how
    many texts were removed."""
    if model_label == EvidenceLink._meta.label:
        entry = EvidenceLink.objects.select_related("entry__enrolment").get(pk=pk).entry
    elif model_label == EntryVersion._meta.label:
        entry = EntryVersion.objects.select_related("entry__enrolment").get(pk=pk).entry
    else:
        entry = Entry.objects.select_related("enrolment").get(pk=pk)
    removed = 0
    with audit.acting_as("system: scan_existing --redact-blocking"):
        for text in sorted(set(texts), key=len, reverse=True):
            try:
                redact(entry, text=text, reason=reason, by_command=True)
            except ValidationError:
                continue  # already removed with a longer text that held it
            removed += 1
    return removed
