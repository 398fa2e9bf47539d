"""Checking a whole tree of items before any of it is written, and writing it in one go.

The shipped data, the CASE reader and the CSV reader all describe items as ItemSpecs, so they
share one set of rules and one writer. Every refusal names where the fault is (a CSV line, a
CASE item identifier, a shipped code), so that a person can find and mend it."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from ..models import FrameworkItem

TITLE_MAX = FrameworkItem._meta.get_field("title").max_length
CODE_MAX = FrameworkItem._meta.get_field("code").max_length
KINDS = {choice.value for choice in FrameworkItem.Kind}


class TreeError(ValueError):
    """The items do not form a framework that can be stored. The message names the fault."""


@dataclass
class ItemSpec:
    identifier: uuid.UUID
    parent: uuid.UUID | None
    kind: str
    code: str
    title: str
    description: str
    where: str
    # None when the source does not carry it (CSV): the importer may then keep the stored one.
    notes: str | None = ""
    sequence: int | None = None
    lineage: uuid.UUID | None = None
    last_changed: datetime | None = None
    # Filled in by validate(): order among siblings, from 1.
    position: int = field(default=0, compare=False)


def validate(specs):
    """Return the specs parent-first, children in order, with positions set; or raise TreeError."""
    by_identifier = {}
    by_code = {}
    for spec in specs:
        _check_fields(spec)
        if spec.identifier in by_identifier:
            raise TreeError(
                f"{spec.where}: the identifier {spec.identifier} is used twice "
                f"(also at {by_identifier[spec.identifier].where})."
            )
        by_identifier[spec.identifier] = spec
        if spec.code in by_code:
            raise TreeError(f"{spec.where}: the code {spec.code!r} is used twice (also at {by_code[spec.code].where}).")
        by_code[spec.code] = spec
    if not specs:
        raise TreeError("The framework has no items.")

    for spec in specs:
        if spec.parent is not None and spec.parent not in by_identifier:
            raise TreeError(f"{spec.where}: its parent {spec.parent} is not an item of this framework.")
    for spec in specs:
        _refuse_cycle(spec, by_identifier)
        is_top = spec.parent is None
        if is_top and spec.kind != FrameworkItem.Kind.DOMAIN:
            raise TreeError(f"{spec.where}: a {spec.kind} must sit under a domain; only domains are at the top.")
        if not is_top and spec.kind == FrameworkItem.Kind.DOMAIN:
            raise TreeError(f"{spec.where}: a domain must be at the top of the framework, not under another item.")

    children = defaultdict(list)
    for index, spec in enumerate(specs):
        children[spec.parent].append((spec.sequence if spec.sequence is not None else float("inf"), index, spec))
    ordered = []

    def visit(parent):
        for position, (_, _, spec) in enumerate(sorted(children[parent], key=lambda t: t[:2]), start=1):
            spec.position = position
            ordered.append(spec)
            visit(spec.identifier)

    visit(None)
    return ordered


def _check_fields(spec):
    if spec.kind not in KINDS:
        raise TreeError(f"{spec.where}: the item type {spec.kind!r} is not one of {', '.join(sorted(KINDS))}.")
    if not spec.title.strip():
        raise TreeError(f"{spec.where}: the title is empty.")
    if not spec.description.strip():
        raise TreeError(f"{spec.where}: the description is empty.")
    if not spec.code.strip():
        raise TreeError(f"{spec.where}: the code is empty.")
    if len(spec.title) > TITLE_MAX:
        raise TreeError(f"{spec.where}: the title is longer than {TITLE_MAX} characters.")
    if len(spec.code) > CODE_MAX or any(character.isspace() or character == "/" for character in spec.code):
        raise TreeError(
            f"{spec.where}: the code {spec.code!r} must be at most {CODE_MAX} characters, without spaces or '/'."
        )


def _refuse_cycle(spec, by_identifier):
    seen = [spec.identifier]
    parent = spec.parent
    while parent is not None:
        if parent in seen:
            loop = " → ".join(by_identifier[identifier].code for identifier in seen[seen.index(parent) :] + [parent])
            raise TreeError(f"{spec.where}: its parents go round in a cycle ({loop}).")
        seen.append(parent)
        parent = by_identifier[parent].parent


def create_items(version, ordered_specs, *, default_last_changed):
    """Write validated specs into a draft version, one insert per level of the tree."""
    created = {}
    pending = list(ordered_specs)
    while pending:
        level = [spec for spec in pending if spec.parent is None or spec.parent in created]
        pending = [spec for spec in pending if not (spec.parent is None or spec.parent in created)]
        objects = [
            FrameworkItem(
                version=version,
                parent_id=created[spec.parent].pk if spec.parent is not None else None,
                kind=spec.kind,
                code=spec.code,
                title=spec.title,
                description=spec.description,
                notes=spec.notes or "",
                position=spec.position,
                identifier=spec.identifier,
                lineage=spec.lineage or spec.identifier,
                last_changed=spec.last_changed or default_last_changed,
            )
            for spec in level
        ]
        for item in FrameworkItem.objects.bulk_create(objects):
            created[item.identifier] = item
    return created
