"""The framework the service ships with, loaded from data/making-sense-of-coordinated-care.json.
The data file's "$comment" header records the editorial decisions behind it."""

import json
import uuid
from datetime import datetime
from functools import cache
from pathlib import Path

from django.db import transaction

from ..models import ChecklistItem, ChecklistSection, Framework, FrameworkVersion
from .tree import ItemSpec, create_items, validate
from .versions import publish

SHIPPED_DATA = Path(__file__).resolve().parents[1] / "data" / "making-sense-of-coordinated-care.json"
SHIPPED_SLUG = "making-sense-of-coordinated-care"


@cache
def shipped_data():
    return json.loads(SHIPPED_DATA.read_text(encoding="utf-8"))


def shipped_identifier(code):
    """The identifier every installation gives the shipped item with this code (checklist items:
    "checklist:<code>")."""
    namespace = uuid.UUID(shipped_data()["version"]["identifier_namespace"])
    return uuid.uuid5(namespace, code)


def shipped_version_identifier():
    namespace = uuid.UUID(shipped_data()["version"]["identifier_namespace"])
    return uuid.uuid5(namespace, f"version:{shipped_data()['version']['number']}")


def shipped_specs():
    last_changed = datetime.fromisoformat(shipped_data()["version"]["last_changed"])
    specs = []

    def add(entries, parent):
        for sequence, entry in enumerate(entries, start=1):
            identifier = shipped_identifier(entry["code"])
            specs.append(
                ItemSpec(
                    identifier=identifier,
                    parent=parent,
                    kind=entry["kind"],
                    code=entry["code"],
                    title=entry["title"],
                    description=entry["description"],
                    notes=entry.get("notes", ""),
                    where=f"shipped item {entry['code']}",
                    sequence=sequence,
                    lineage=identifier,
                    last_changed=last_changed,
                )
            )
            add(entry.get("children", []), identifier)

    add(shipped_data()["items"], None)
    return validate(specs)


@transaction.atomic
def load_shipped_framework():
    """Make sure the shipped framework, its published version 1 and its checklist are there.

    Idempotent: what is already loaded is left exactly as it is (a published version never
    changes), so running it again, or on every deployment, changes nothing."""
    data = shipped_data()
    meta = data["framework"]
    framework, _ = Framework.objects.get_or_create(
        slug=meta["slug"],
        defaults={
            "title": meta["title"],
            "creator": meta["creator"],
            "publisher": meta["publisher"],
            "description": meta["description"],
            "language": meta["language"],
            "notes": meta["notes"],
            "checklist_title": data["checklist"]["title"],
            "checklist_introduction": data["checklist"]["introduction"],
        },
    )
    version = framework.versions.filter(number=data["version"]["number"]).first()
    if version is None:
        version = _load_version(framework, data["version"])
    if not framework.checklist_sections.exists():
        _load_checklist(framework, data["checklist"])
    return version


def _load_version(framework, meta):
    last_changed = datetime.fromisoformat(meta["last_changed"])
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=meta["number"],
        uuid=shipped_version_identifier(),
        status=FrameworkVersion.Status.DRAFT,
        last_changed=last_changed,
    )
    create_items(version, shipped_specs(), default_last_changed=last_changed)
    return publish(version, at=datetime.fromisoformat(meta["published_at"]))


def _load_checklist(framework, checklist):
    for position, section_data in enumerate(checklist["sections"], start=1):
        section = ChecklistSection.objects.create(
            framework=framework,
            code=section_data["code"],
            position=position,
            title=section_data["title"],
            description=section_data["description"],
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                section=section,
                code=f"{section.code}.{item_position}",
                position=item_position,
                text=text,
                uuid=shipped_identifier(f"checklist:{section.code}.{item_position}"),
            )
            for item_position, text in enumerate(section_data["items"], start=1)
        )
