"""Storing a parsed framework file as a new draft version, all or nothing."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from ..models import Framework, FrameworkItem, FrameworkVersion
from ..models.framework import RESERVED_SLUGS
from ..services.tree import ItemSpec, TreeError, create_items, validate


class ImportRefused(ValueError):
    """The file cannot be imported. The message names the line or item at fault."""


@dataclass
class ParsedFramework:
    title: str
    specs: list[ItemSpec]
    document_identifier: uuid.UUID | None = None
    slug: str | None = None
    version_number: int | None = None
    last_changed: datetime | None = None
    creator: str = ""
    publisher: str = ""
    description: str = ""
    language: str = "en"
    notes: str = ""
    extra: dict = field(default_factory=dict)


def import_parsed(parsed):
    """Store `parsed` as a new draft version and return it; on any fault, store nothing.

    The draft belongs to the framework that already holds the file's document identifier, or
    else has its slug (CSV) or exactly its title; otherwise a new framework is made. The
    file's document identifier and version number are kept when they are free here (so a
    framework moved to another installation keeps them); otherwise the draft gets a new
    identifier and the framework's next number."""
    try:
        ordered = validate(parsed.specs)
    except TreeError as error:
        raise ImportRefused(str(error)) from None
    if not parsed.title.strip():
        raise ImportRefused("The framework has no title.")
    with transaction.atomic():
        framework = _framework_for(parsed)
        # Lock the framework row so that two imports cannot take the same version number.
        Framework.objects.select_for_update().filter(pk=framework.pk).first()
        highest = framework.versions.aggregate(highest=Max("number"))["highest"] or 0
        number = parsed.version_number if parsed.version_number and parsed.version_number > highest else highest + 1
        identifier = parsed.document_identifier
        if identifier is None or FrameworkVersion.objects.filter(uuid=identifier).exists():
            identifier = uuid.uuid4()
        _inherit_known(framework, ordered)
        last_changed = parsed.last_changed or _latest_change(ordered) or timezone.now()
        version = FrameworkVersion.objects.create(
            framework=framework,
            number=number,
            uuid=identifier,
            status=FrameworkVersion.Status.DRAFT,
            last_changed=last_changed,
        )
        create_items(version, ordered, default_last_changed=last_changed)
    return version


def _framework_for(parsed):
    if parsed.document_identifier is not None:
        known = FrameworkVersion.objects.select_related("framework").filter(uuid=parsed.document_identifier).first()
        if known is not None:
            return known.framework
    if parsed.slug:
        by_slug = Framework.objects.filter(slug=parsed.slug).first()
        if by_slug is not None:
            return by_slug
    by_title = Framework.objects.filter(title=parsed.title).order_by("pk").first()
    if by_title is not None:
        return by_title
    return Framework.objects.create(
        slug=_free_slug(parsed.slug or slugify(parsed.title) or "framework"),
        title=parsed.title,
        creator=parsed.creator,
        publisher=parsed.publisher,
        description=parsed.description,
        language=parsed.language or "en",
        notes=parsed.notes,
    )


def _free_slug(wanted):
    wanted = wanted[:90]
    slug, counter = wanted, 1
    while slug in RESERVED_SLUGS or Framework.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{wanted}-{counter}"
    return slug


def _inherit_known(framework, specs):
    """An item the framework already knows (same identifier) continues its lineage; and where
    the file does not carry a last change time or notes (CSV), an unchanged item keeps those
    it had in the latest version that holds it."""
    fields = ("identifier", "lineage", "kind", "code", "title", "description", "notes", "last_changed")
    known = {}
    rows = (
        FrameworkItem.objects.filter(version__framework=framework, identifier__in=[spec.identifier for spec in specs])
        .order_by("version__number")
        .values(*fields)
    )
    for row in rows:
        known[row["identifier"]] = row  # the latest version wins
    for spec in specs:
        row = known.get(spec.identifier)
        spec.lineage = row["lineage"] if row else spec.identifier
        unchanged = row is not None and all(
            getattr(spec, name) == row[name] for name in ("kind", "code", "title", "description")
        )
        if spec.last_changed is None and unchanged:
            spec.last_changed = row["last_changed"]
        if spec.notes is None:
            spec.notes = row["notes"] if unchanged else ""


def _latest_change(specs):
    moments = [spec.last_changed for spec in specs]
    return max(moments) if moments and None not in moments else None
