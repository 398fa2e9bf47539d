"""1EdTech CASE 1.0 packages (CFPackage JSON): CFDocument, CFItems, CFAssociations (isChildOf
only) and CFDefinitions.CFItemTypes.

Output is deterministic: keys sorted, items parents-first in framework order, every time stamp
read from the stored data, and every identifier either stored or derived with uuid5 from stored
identifiers. URIs are "urn:uuid:<identifier>" because the service has no public base address to
resolve them at."""

import json
import uuid
from datetime import UTC, datetime

from ..models import FrameworkItem, FrameworkVersion
from ..services.queries import Tree
from ..services.text import plain_text
from ..services.tree import ItemSpec
from .importer import ImportRefused, ParsedFramework

# Fixed namespaces, so that association and item type identifiers are the same on every export.
ASSOCIATION_NAMESPACE = uuid.UUID("0b6f2a55-3c2e-4f57-9d49-5c6f0f4f7d21")
ITEM_TYPE_NAMESPACE = uuid.UUID("6f0d9b3e-8a1c-4d4e-a3f0-2e7b5c9d1a64")
# When the item type definitions below last changed; move it on whenever they do.
DEFINITIONS_CHANGED = "2026-11-23T00:00:00+00:00"

ADOPTION_STATUS = {
    FrameworkVersion.Status.DRAFT: "Draft",
    FrameworkVersion.Status.PUBLISHED: "Adopted",
    FrameworkVersion.Status.RETIRED: "Deprecated",
}

ITEM_TYPES = {
    FrameworkItem.Kind.DOMAIN: "One of the principal areas the framework's competencies are brought together in.",
    FrameworkItem.Kind.THEME: "An overarching theme of a domain, running through its competencies.",
    FrameworkItem.Kind.COMPETENCY: "A competency: a function of coordinated care that a person can show.",
    FrameworkItem.Kind.COMPONENT: "A component: one part of a domain or a competency.",
}
KIND_OF_TYPE = {kind.label.lower(): kind.value for kind in FrameworkItem.Kind}


def uri(identifier):
    return f"urn:uuid:{identifier}"


def timestamp(moment):
    return moment.astimezone(UTC).isoformat()


def link(identifier, title):
    return {"identifier": str(identifier), "title": title, "uri": uri(identifier)}


def item_type_identifier(kind):
    return uuid.uuid5(ITEM_TYPE_NAMESPACE, kind)


def export_case(version):
    """The version as a CASE 1.0 CFPackage, as JSON text ending in a newline."""
    framework = version.framework
    tree = Tree.of(version)
    document = link(version.uuid, framework.title)
    items, associations = [], []
    for item in tree.walk():
        kind = FrameworkItem.Kind(item.kind)
        entry = {
            "identifier": str(item.identifier),
            "uri": uri(item.identifier),
            "CFDocumentURI": document,
            "fullStatement": item.description,
            "abbreviatedStatement": item.title,
            "humanCodingScheme": item.code,
            "listEnumeration": str(item.position),
            "CFItemType": kind.label,
            "CFItemTypeURI": link(item_type_identifier(kind.value), kind.label),
            "language": framework.language,
            "lastChangeDateTime": timestamp(item.last_changed),
        }
        if item.notes:
            entry["notes"] = item.notes
        items.append(entry)
        parent = tree.by_pk.get(item.parent_id)
        destination = link(parent.identifier, parent.title) if parent else document
        # A top-level item's association is named after "the document", not the document's
        # identifier, so that it keeps its identifier in every version of the framework.
        association = uuid.uuid5(
            ASSOCIATION_NAMESPACE, f"{item.identifier} isChildOf {parent.identifier if parent else 'document'}"
        )
        associations.append(
            {
                "identifier": str(association),
                "uri": uri(association),
                "associationType": "isChildOf",
                "originNodeURI": link(item.identifier, item.title),
                "destinationNodeURI": destination,
                "sequenceNumber": item.position,
                "lastChangeDateTime": timestamp(item.last_changed),
            }
        )
    kinds_used = [kind for kind in FrameworkItem.Kind if any(item.kind == kind for item in tree.items)]
    package = {
        "CFDocument": _document(version),
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": {
            "CFItemTypes": [
                {
                    "identifier": str(item_type_identifier(kind.value)),
                    "uri": uri(item_type_identifier(kind.value)),
                    "title": kind.label,
                    "description": ITEM_TYPES[kind],
                    "hierarchyCode": str(level),
                    "typeCode": kind.value,
                    "lastChangeDateTime": DEFINITIONS_CHANGED,
                }
                for level, kind in enumerate(kinds_used, start=1)
            ]
        },
    }
    return json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _document(version):
    framework = version.framework
    document = {
        "identifier": str(version.uuid),
        "uri": uri(version.uuid),
        "creator": framework.creator,
        "title": framework.title,
        "lastChangeDateTime": timestamp(version.last_changed),
        "description": framework.description,
        "language": framework.language,
        "version": str(version.number),
        "adoptionStatus": ADOPTION_STATUS[version.status],
    }
    if framework.publisher:
        document["publisher"] = framework.publisher
    if framework.notes:
        document["notes"] = framework.notes
    return document


def parse_case(text):
    """Read a CASE package into a ParsedFramework, or raise ImportRefused naming the fault."""
    try:
        package = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"The file is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from error
    if not isinstance(package, dict) or not isinstance(package.get("CFDocument"), dict):
        raise ImportRefused("The file is not a CASE package: it has no CFDocument object.")
    document = package["CFDocument"]
    raw_items = _list(package, "CFItems")
    raw_associations = _list(package, "CFAssociations")
    document_identifier = _uuid(document.get("identifier"), "CFDocument: the identifier")

    specs = {}
    for index, raw in enumerate(raw_items):
        spec = _item_spec(raw, index)
        if spec.identifier in specs:
            raise ImportRefused(f"item {spec.identifier}: the identifier is used by more than one CFItem.")
        specs[spec.identifier] = spec

    parented = set()
    for index, raw in enumerate(raw_associations):
        if not isinstance(raw, dict):
            raise ImportRefused(f"CFAssociations entry {index + 1}: not an object.")
        name = f"association {raw.get('identifier') or f'number {index + 1}'}"
        if raw.get("associationType") != "isChildOf":
            raise ImportRefused(
                f"{name}: the association type {raw.get('associationType')!r} is not supported; only isChildOf."
            )
        origin = _uuid(_node(raw, "originNodeURI", name), f"{name}: the origin")
        destination = _uuid(_node(raw, "destinationNodeURI", name), f"{name}: the destination")
        if origin not in specs:
            raise ImportRefused(f"{name}: its origin {origin} is not one of the CFItems.")
        spec = specs[origin]
        if origin in parented:
            raise ImportRefused(f"{spec.where}: it has more than one isChildOf association (more than one parent).")
        parented.add(origin)
        spec.parent = None if destination == document_identifier else destination
        sequence = raw.get("sequenceNumber")
        if sequence is not None and not isinstance(sequence, int):
            raise ImportRefused(f"{name}: the sequenceNumber {sequence!r} is not a whole number.")
        spec.sequence = sequence if sequence is not None else spec.sequence
    for spec in specs.values():
        if spec.identifier not in parented:
            raise ImportRefused(
                f"{spec.where}: it has no isChildOf association, so its place in the framework is unknown."
            )

    version = str(document.get("version") or "")
    return ParsedFramework(
        title=_text(document, "title", "CFDocument"),
        specs=list(specs.values()),
        document_identifier=document_identifier,
        version_number=int(version) if version.isdigit() else None,
        last_changed=_moment(document.get("lastChangeDateTime"), "CFDocument"),
        creator=_text(document, "creator", "CFDocument", required=False),
        publisher=_text(document, "publisher", "CFDocument", required=False),
        description=_text(document, "description", "CFDocument", required=False),
        language=_text(document, "language", "CFDocument", required=False) or "en",
        notes=_text(document, "notes", "CFDocument", required=False),
    )


def _item_spec(raw, index):
    if not isinstance(raw, dict):
        raise ImportRefused(f"CFItems entry {index + 1}: not an object.")
    identifier = _uuid(raw.get("identifier"), f"CFItems entry {index + 1}: the identifier")
    where = f"item {identifier}"
    item_type = raw.get("CFItemType")
    if not isinstance(item_type, str) or not item_type.strip():
        raise ImportRefused(f"{where}: it has no CFItemType.")
    kind = KIND_OF_TYPE.get(item_type.strip().lower())
    if kind is None:
        raise ImportRefused(
            f"{where}: the CFItemType {item_type!r} is not one of "
            f"{', '.join(kind.label for kind in FrameworkItem.Kind)}."
        )
    # Another tool's file may carry HTML in its statements: stored as plain paragraphs.
    description = plain_text(_text(raw, "fullStatement", where, required=False))
    if "abbreviatedStatement" in raw:
        title = plain_text(_text(raw, "abbreviatedStatement", where, required=False))
        if not title.strip():
            raise ImportRefused(f"{where}: the title (abbreviatedStatement) is empty.")
    else:
        # Many CASE frameworks give only a fullStatement; it then serves as the title too.
        title = description
    enumeration = str(raw.get("listEnumeration") or "")
    return ItemSpec(
        identifier=identifier,
        parent=None,
        kind=kind,
        code=_text(raw, "humanCodingScheme", where, required=False),
        title=title,
        description=description,
        notes=plain_text(_text(raw, "notes", where, required=False)),
        where=where,
        sequence=int(enumeration) if enumeration.isdigit() else None,
        last_changed=_moment(raw.get("lastChangeDateTime"), where),
    )


def _list(package, key):
    value = package.get(key, [])
    if not isinstance(value, list):
        raise ImportRefused(f"The package's {key} is not a list.")
    return value


def _node(association, key, name):
    node = association.get(key)
    if not isinstance(node, dict):
        raise ImportRefused(f"{name}: it has no {key}.")
    return node.get("identifier")


def _uuid(value, what):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ImportRefused(f"{what} {value!r} is not a UUID.") from None


def _text(mapping, key, where, *, required=True):
    value = mapping.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ImportRefused(f"{where}: {key} is missing or empty.")
    return value


def _moment(value, where):
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise ImportRefused(f"{where}: lastChangeDateTime {value!r} is not an ISO 8601 date and time.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
