"""Writing a portfolio: every change keeps the version before it and is atomic."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from coordinated_care.core.canonical import canonical_hash
from coordinated_care.programmes import services as programme_services
from coordinated_care.programmes.models import AccreditedTraining
from coordinated_care.programmes.services import can_edit_portfolio

from .kinds import KINDS, VALUES_WORKSHEET_QUESTIONS, VALUES_WORKSHEET_TITLE
from .models import Draft, Entry, EntryVersion, EvidenceLink
from .uploads import store_upload


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
    if spec.title_from:
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


def confirmed_names(entry):
    """The declarations kept with an entry's last version (none for an entry not yet made): the
    guard does not ask about a name again in the same words (confidentiality.forms, `confirmed=`)."""
    if entry is None or entry.pk is None:
        return []
    last = EntryVersion.objects.filter(entry=entry).order_by("-number").values_list("declarations", flat=True)
    return list(last.first() or [])


def evidence_confirmed_names(links):
    """The declarations kept with an entry's evidence links, all together: each names its field."""
    return [declared for link in links for declared in (link.declarations or [])]


def _record_version(entry, user, declarations=()):
    EntryVersion.objects.create(
        entry=entry,
        number=entry.version,
        title=entry.title,
        content=entry.content,
        content_hash=canonical_hash(entry.content),
        declarations=list(declarations),
        created_by=user,
    )


@transaction.atomic
def create_entry(*, enrolment, kind, content, user, title=None, workshop=None, draft_key=None, declarations=()):
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
    _record_version(entry, user, declarations)
    if draft_key:
        Draft.objects.filter(user=user, key=draft_key).delete()
    return entry


@transaction.atomic
def update_entry(entry, *, content, user, seen_version, title=None, status=None, draft_key=None, declarations=()):
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
    elif not KINDS.get(current.kind) or not KINDS[current.kind].title_from:
        columns["title"] = current.title  # named by the service when it was made
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
        _record_version(current, user, declarations)
    if draft_key:
        Draft.objects.filter(user=user, key=draft_key).delete()
    return current


@transaction.atomic
def link_evidence(entry, *, criterion, how_it_shows, user, declarations=()):
    """Link the entry to one criterion (from the entry's page or the criterion's), or say anew how
    it shows it; `declarations` are the names the learner confirmed in that wording."""
    _check_author(user, entry.enrolment)
    if criterion.programme_id != entry.enrolment.cohort.programme_id:
        raise ValidationError("That criterion is not part of this programme.")
    if not how_it_shows.strip():
        raise ValidationError("Say how this entry shows the criterion.")
    link, _ = EvidenceLink.objects.update_or_create(
        entry=entry,
        criterion=criterion,
        defaults={"how_it_shows": how_it_shows.strip(), "declarations": list(declarations)},
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


@transaction.atomic
def set_action_status(entry, *, status, user, seen_version):
    """Mark an action done or open it again; a new version records who did it and when."""
    if entry.kind != Entry.Kind.ACTION:
        raise ValidationError("Only actions can be marked as done.")
    return update_entry(entry, content=entry.content, user=user, seen_version=seen_version, status=status)


@transaction.atomic
def set_evidence_links(entry, *, links, user, declarations=None):
    """Make the entry's evidence exactly `links` ({criterion: how it shows it}): new links are made,
    changed wording is saved and links left out are removed, all together or not at all.
    `declarations` ({criterion: [...]}) are the names the learner confirmed in a link's wording."""
    declarations = declarations or {}
    _check_author(user, entry.enrolment)
    programme_id = entry.enrolment.cohort.programme_id
    for criterion, how_it_shows in links.items():
        if criterion.programme_id != programme_id:
            raise ValidationError("That criterion is not part of this programme.")
        if not how_it_shows.strip():
            raise ValidationError(f"Say how this entry shows {criterion.code}.")
    existing = {link.criterion_id: link for link in EvidenceLink.objects.select_for_update().filter(entry=entry)}
    wanted = {criterion.pk: (criterion, how.strip()) for criterion, how in links.items()}
    EvidenceLink.objects.filter(entry=entry).exclude(criterion_id__in=wanted).delete()
    for criterion_id, (criterion, how_it_shows) in wanted.items():
        link = existing.get(criterion_id)
        declared = list(declarations.get(criterion, []))
        if link is None:
            EvidenceLink.objects.create(
                entry=entry, criterion=criterion, how_it_shows=how_it_shows, declarations=declared
            )
        elif link.how_it_shows != how_it_shows:
            link.how_it_shows = how_it_shows
            link.declarations = declared
            link.save(update_fields=["how_it_shows", "declarations", "updated_at"])
    return EvidenceLink.objects.filter(entry=entry)


def clean_worksheet_answers(answers, value_names):
    """Keep only the programme's values and the worksheet's questions, dropping empty answers, so
    that a partly filled worksheet is saved as it is and compares equal when nothing changed."""
    questions = [key for key, _ in VALUES_WORKSHEET_QUESTIONS]
    cleaned = {}
    for name in value_names:
        given = answers.get(name) or {}
        kept = {key: str(given.get(key, "")).strip() for key in questions if str(given.get(key, "")).strip()}
        if kept:
            cleaned[name] = kept
    return {"values": cleaned}


def values_worksheet(enrolment):
    return Entry.objects.filter(enrolment=enrolment, kind=Entry.Kind.VALUES_WORKSHEET).first()


def _save_the_one(lookup, *, enrolment, kind, title, content, user, seen_version, draft_key, declarations, **extra):
    """Save the one entry of its kind that `lookup` finds (the worksheet, a workshop's note): made on
    first save, versioned after. `seen_version` is None when the learner opened it empty; if one was
    made meanwhile (another tab), that is a stale edit, as is a first save racing another."""
    existing = lookup.first()
    if existing is None:
        if seen_version not in (None, 0):
            raise StaleEdit(Entry(enrolment=enrolment, title=title))
        try:
            with transaction.atomic():
                return create_entry(
                    enrolment=enrolment,
                    kind=kind,
                    content=content,
                    user=user,
                    title=title,
                    draft_key=draft_key,
                    declarations=declarations,
                    **extra,
                )
        except IntegrityError:
            raise StaleEdit(lookup.get()) from None
    if seen_version in (None, 0):
        raise StaleEdit(existing)
    return update_entry(
        existing,
        content=content,
        user=user,
        seen_version=seen_version,
        title=title,
        draft_key=draft_key,
        declarations=declarations,
    )


@transaction.atomic
def save_values_worksheet(enrolment, *, answers, user, seen_version=None, draft_key=None, declarations=()):
    """Create the portfolio's one worksheet, or save a new version of it."""
    _check_author(user, enrolment)
    value_names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    return _save_the_one(
        Entry.objects.filter(enrolment=enrolment, kind=Entry.Kind.VALUES_WORKSHEET),
        enrolment=enrolment,
        kind=Entry.Kind.VALUES_WORKSHEET,
        title=VALUES_WORKSHEET_TITLE,
        content=clean_worksheet_answers(answers, value_names),
        user=user,
        seen_version=seen_version,
        draft_key=draft_key,
        declarations=declarations,
    )


@transaction.atomic
def save_workshop_note(enrolment, workshop, *, content, user, seen_version=None, draft_key=None, declarations=()):
    """The learner's attendance and notes for one of their cohort's workshops: one entry per workshop."""
    _check_author(user, enrolment)
    if workshop.cohort_id != enrolment.cohort_id:
        raise ValidationError("That workshop is not part of this cohort.")
    return _save_the_one(
        Entry.objects.filter(enrolment=enrolment, workshop=workshop),
        enrolment=enrolment,
        kind=Entry.Kind.WORKSHOP_NOTE,
        title=str(workshop),
        content=content,
        user=user,
        seen_version=seen_version,
        draft_key=draft_key,
        declarations=declarations,
        workshop=workshop,
    )


def discard_draft(*, user, key):
    Draft.objects.filter(user=user, key=key).delete()


@transaction.atomic
def add_entry(
    *, enrolment, kind, content, user, upload=None, draft_key=None, declarations=(), links=None, link_declarations=None
):
    """A new entry with, for kinds that take one, its uploaded file, and the criteria it shows
    (`links`, {criterion: how it shows it}, as set_evidence_links takes them): all kept or none."""
    entry = create_entry(
        enrolment=enrolment, kind=kind, content=content, user=user, draft_key=draft_key, declarations=declarations
    )
    if upload is not None:
        store_upload(enrolment, upload, user, entry=entry)
    if links:
        set_evidence_links(entry, links=links, user=user, declarations=link_declarations)
    return entry


@transaction.atomic
def save_accredited_training(enrolment, *, completed_on, provider, user, certificate_upload=None):
    """The PCI-accredited two-day training, recorded by the learner. A new certificate replaces the
    one shown; the earlier file stays among the portfolio's files."""
    _check_author(user, enrolment)
    current = AccreditedTraining.objects.filter(enrolment=enrolment).select_related("certificate").first()
    certificate = current.certificate if current else None
    if certificate_upload is not None:
        certificate = store_upload(enrolment, certificate_upload, user)
    return programme_services.record_accredited_training(
        enrolment, completed_on=completed_on, provider=provider.strip(), certificate=certificate
    )


@transaction.atomic
def change_entry(entry, *, content, user, seen_version, upload=None, draft_key=None, declarations=()):
    """A new version of an entry with, for kinds that take one, a further uploaded file."""
    entry = update_entry(
        entry, content=content, user=user, seen_version=seen_version, draft_key=draft_key, declarations=declarations
    )
    if upload is not None:
        store_upload(entry.enrolment, upload, user, entry=entry)
    return entry
