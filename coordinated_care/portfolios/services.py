"""Writing a portfolio: every change keeps the version before it and is atomic."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from coordinated_care.programmes.services import can_edit_portfolio

from .kinds import KINDS
from .models import Draft, Entry, EntryVersion, EvidenceLink, content_hash


class StaleEdit(Exception):
    """Someone saved the entry after this copy of it was opened."""

    def __init__(self, entry):
        super().__init__(f"{entry} was changed by someone else since you opened it.")
        self.entry = entry


def _columns(kind, content):
    """The queryable columns a kind keeps beside its content."""
    spec = KINDS.get(kind)
    columns = {"title": "", "occurred_on": None, "due_on": None}
    if spec is None:
        return columns
    columns["title"] = str(content.get(spec.title_from, "")).strip()[:300]
    for column, source in (("occurred_on", spec.occurred_on_from), ("due_on", spec.due_on_from)):
        value = content.get(source) if source else None
        columns[column] = datetime.date.fromisoformat(value) if value else None
    return columns


def _json_ready(content):
    return {key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in content.items()}


def _check_author(user, enrolment):
    if not can_edit_portfolio(user, enrolment):
        raise PermissionDenied("Only the learner can change their portfolio while it is in progress.")


def _record_version(entry, user):
    EntryVersion.objects.create(
        entry=entry,
        number=entry.version,
        title=entry.title,
        content=entry.content,
        content_hash=content_hash(entry.content),
        created_by=user,
    )


@transaction.atomic
def create_entry(*, enrolment, kind, content, user, title=None, workshop=None, draft_key=None):
    _check_author(user, enrolment)
    content = _json_ready(content)
    columns = _columns(kind, content)
    if title is not None:
        columns["title"] = title
    entry = Entry.objects.create(
        enrolment=enrolment,
        kind=kind,
        content=content,
        status=Entry.Status.OPEN if kind == Entry.Kind.ACTION else "",
        workshop=workshop,
        created_by=user,
        **columns,
    )
    _record_version(entry, user)
    if draft_key:
        Draft.objects.filter(user=user, key=draft_key).delete()
    return entry


@transaction.atomic
def update_entry(entry, *, content, user, seen_version, title=None, status=None, draft_key=None):
    """Save new content over `seen_version`. Refused if someone saved a later version meanwhile:
    the row is locked and its version compared, so two stale saves cannot both win."""
    _check_author(user, entry.enrolment)
    current = Entry.objects.select_for_update().get(pk=entry.pk)
    if current.version != seen_version:
        raise StaleEdit(current)
    content = _json_ready(content)
    columns = _columns(current.kind, content)
    if title is not None:
        columns["title"] = title
    changed = content != current.content or any(getattr(current, k) != v for k, v in columns.items())
    if status is not None and status != current.status:
        if current.kind != Entry.Kind.ACTION or status not in Entry.Status.values:
            raise ValidationError("Only actions have a status of open or done.")
        current.status = status
        changed = True
    if changed:
        for key, value in columns.items():
            setattr(current, key, value)
        current.content = content
        current.version += 1
        current.save()
        _record_version(current, user)
    if draft_key:
        Draft.objects.filter(user=user, key=draft_key).delete()
    return current


@transaction.atomic
def link_evidence(entry, *, criterion, how_it_shows, user):
    _check_author(user, entry.enrolment)
    if criterion.programme_id != entry.enrolment.cohort.programme_id:
        raise ValidationError("That criterion is not part of this programme.")
    if not how_it_shows.strip():
        raise ValidationError("Say how this entry shows the criterion.")
    link, _ = EvidenceLink.objects.update_or_create(
        entry=entry, criterion=criterion, defaults={"how_it_shows": how_it_shows.strip()}
    )
    return link


@transaction.atomic
def unlink_evidence(link, *, user):
    _check_author(user, link.entry.enrolment)
    link.delete()


@transaction.atomic
def save_draft(*, user, key, data):
    draft, _ = Draft.objects.update_or_create(user=user, key=key, defaults={"data": data})
    return draft
