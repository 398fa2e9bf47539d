"""The life of a framework version: draft → published → retired, never backwards.

A draft may be edited; a published or retired version never changes (the models refuse it too,
as a second line). A new version starts as a copy of an earlier one: each item keeps its
identifier and its lineage, so whatever points at a competency can find it in the next version."""

import uuid

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..models import Framework, FrameworkItem, FrameworkVersion, VersionLocked
from .tree import ItemSpec, create_items, validate


def _locked_for_update(version):
    return FrameworkVersion.objects.select_for_update().select_related("framework").get(pk=version.pk)


def _refuse_unless_draft(version, action):
    if version.status != FrameworkVersion.Status.DRAFT:
        raise VersionLocked(f"{version} is {version.get_status_display().lower()}; {action} only a draft.")


def next_version_number(framework):
    # Lock the framework row so that two new versions cannot take the same number.
    Framework.objects.select_for_update().filter(pk=framework.pk).first()
    highest = framework.versions.aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


@transaction.atomic
def new_version_from(version):
    """A new draft holding a copy of `version`'s items, numbered after the framework's latest.

    Items keep their identifier, lineage, code and last change time: the copy says the same
    thing until someone edits it. The new version gets a new CFDocument identifier (uuid)."""
    source = FrameworkVersion.objects.select_related("framework").get(pk=version.pk)
    draft = FrameworkVersion.objects.create(
        framework=source.framework,
        number=next_version_number(source.framework),
        status=FrameworkVersion.Status.DRAFT,
        last_changed=source.last_changed,
    )
    specs = [
        ItemSpec(
            identifier=item.identifier,
            parent=item.parent.identifier if item.parent_id else None,
            kind=item.kind,
            code=item.code,
            title=item.title,
            description=item.description,
            notes=item.notes,
            where=f"item {item.code}",
            sequence=item.position,
            lineage=item.lineage,
            last_changed=item.last_changed,
        )
        for item in source.items.select_related("parent")
    ]
    create_items(draft, validate(specs), default_last_changed=source.last_changed)
    return draft


@transaction.atomic
def publish(version, *, at=None):
    """Publish a draft. From now on neither it nor its items can change."""
    version = _locked_for_update(version)
    _refuse_unless_draft(version, "you can publish")
    if not version.items.filter(kind=FrameworkItem.Kind.DOMAIN).exists():
        raise ValueError(f"{version} has no domains to publish.")
    version.status = FrameworkVersion.Status.PUBLISHED
    version.published_at = at or timezone.now()
    version.save()
    return version


@transaction.atomic
def retire(version, *, at=None):
    """Retire a published version: still readable (portfolios point at it), no longer current."""
    version = _locked_for_update(version)
    if version.status != FrameworkVersion.Status.PUBLISHED:
        raise VersionLocked(f"{version} is {version.get_status_display().lower()}; only a published version retires.")
    version.status = FrameworkVersion.Status.RETIRED
    version.retired_at = at or timezone.now()
    version.save()
    return version


def _touch(version, now):
    FrameworkVersion.objects.filter(pk=version.pk).update(last_changed=now)
    version.last_changed = now


@transaction.atomic
def add_item(version, *, kind, code, title, description, parent=None, notes=""):
    """Add an item at the end of its parent's children in a draft. A new item starts a lineage."""
    version = _locked_for_update(version)
    _refuse_unless_draft(version, "you can add items to")
    siblings = version.items.filter(parent=parent)
    identifier = uuid.uuid4()
    spec = ItemSpec(
        identifier=identifier,
        parent=parent.identifier if parent else None,
        kind=kind,
        code=code,
        title=title,
        description=description,
        notes=notes,
        where=f"new item {code}",
    )
    _check_in_tree(version, spec)
    now = timezone.now()
    item = FrameworkItem.objects.create(
        version=version,
        parent=parent,
        kind=kind,
        code=code,
        title=title,
        description=description,
        notes=notes,
        position=(siblings.aggregate(highest=Max("position"))["highest"] or 0) + 1,
        identifier=identifier,
        lineage=identifier,
        last_changed=now,
    )
    _touch(version, now)
    return item


@transaction.atomic
def update_item(item, *, title=None, description=None, code=None, notes=None, reidentify=False):
    """Edit an item of a draft. `reidentify=True` gives it a new identifier (CASE expects one
    when a statement's meaning changes); its lineage stays, so mappings still follow it."""
    item = FrameworkItem.objects.select_related("version", "parent").get(pk=item.pk)
    version = _locked_for_update(item.version)
    _refuse_unless_draft(version, "you can edit")
    changes = {"title": title, "description": description, "code": code, "notes": notes}
    for name, value in changes.items():
        if value is not None:
            setattr(item, name, value)
    old_identifier = item.identifier
    if reidentify:
        item.identifier = uuid.uuid4()
    _check_in_tree(version, _spec_of(item), replacing=(item.pk, old_identifier))
    item.last_changed = timezone.now()
    item.save()
    _touch(version, item.last_changed)
    return item


@transaction.atomic
def remove_item(item):
    """Remove an item (and the items under it) from a draft."""
    item = FrameworkItem.objects.select_related("version").get(pk=item.pk)
    version = _locked_for_update(item.version)
    _refuse_unless_draft(version, "you can remove items from")
    item.delete()
    _touch(version, timezone.now())


def _spec_of(item):
    return ItemSpec(
        identifier=item.identifier,
        parent=item.parent.identifier if item.parent_id else None,
        kind=item.kind,
        code=item.code,
        title=item.title,
        description=item.description,
        notes=item.notes,
        where=f"item {item.code}",
        sequence=item.position,
    )


def _check_in_tree(version, spec, replacing=None):
    """Check the whole tree as it would be after the change, with the same rules as an import."""
    others = [_spec_of(other) for other in version.items.select_related("parent")]
    if replacing is not None:
        _, old_identifier = replacing
        others = [other for other in others if other.identifier != old_identifier]
        for other in others:
            if other.parent == old_identifier:
                other.parent = spec.identifier
    validate(others + [spec])
