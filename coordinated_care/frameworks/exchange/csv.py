"""Flat CSV: one row per item, parents before children, in framework order.

    identifier,parent,type,code,title,description

The first row after the header describes the version itself: its type is "document", its
identifier is the version's (the CASE CFDocument identifier), its code is "<slug>/v<number>",
and its title and description are the framework's. A top-level item (a domain) has an empty
parent. Paragraphs in a description are separated by a blank line inside the quoted field.
Rows end in a line feed. What CSV does not carry (creator, publisher, notes, time stamps,
lineage) is taken from the framework already stored, or left empty for a new one."""

import csv
import io
import re
import uuid

from ..services.queries import Tree
from ..services.tree import ItemSpec
from .importer import ImportRefused, ParsedFramework

COLUMNS = ["identifier", "parent", "type", "code", "title", "description"]
DOCUMENT_TYPE = "document"
DOCUMENT_CODE = re.compile(r"^(?P<slug>[-a-zA-Z0-9_]+)/v(?P<number>[0-9]+)$")


def export_csv(version):
    framework = version.framework
    tree = Tree.of(version)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    document_code = f"{framework.slug}/v{version.number}"
    writer.writerow([str(version.uuid), "", DOCUMENT_TYPE, document_code, framework.title, framework.description])
    for item in tree.walk():
        parent = tree.by_pk.get(item.parent_id)
        parent_identifier = str(parent.identifier) if parent else ""
        writer.writerow([str(item.identifier), parent_identifier, item.kind, item.code, item.title, item.description])
    return buffer.getvalue()


def parse_csv(text):
    """Read the CSV into a ParsedFramework, or raise ImportRefused naming the line at fault."""
    rows = _rows(text.removeprefix("\ufeff"))
    try:
        header_line, header = next(rows)
    except StopIteration:
        raise ImportRefused("The file is empty.") from None
    header = [name.strip().lower() for name in header]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ImportRefused(f"line {header_line}: the header lacks the column(s) {', '.join(missing)}.")
    unknown = [name for name in header if name not in COLUMNS]
    if unknown or len(header) != len(COLUMNS):
        raise ImportRefused(f"line {header_line}: the header must have exactly the columns {', '.join(COLUMNS)}.")

    document = None
    specs = []
    for line, values in rows:
        if len(values) != len(COLUMNS):
            raise ImportRefused(f"line {line}: expected {len(COLUMNS)} fields, found {len(values)}.")
        row = dict(zip(header, values, strict=True))
        if document is None:
            document = _document(row, line)
            continue
        if row["type"].strip().lower() == DOCUMENT_TYPE:
            raise ImportRefused(f"line {line}: only the first row may describe the document.")
        parent = row["parent"].strip()
        parent_identifier = _uuid(parent, line, "parent") if parent else None
        specs.append(
            ItemSpec(
                identifier=_uuid(row["identifier"], line, "identifier"),
                parent=None if parent_identifier == document["identifier"] else parent_identifier,
                kind=row["type"].strip().lower(),
                code=row["code"].strip(),
                title=row["title"],
                description=row["description"],
                notes=None,
                where=f"line {line}",
            )
        )
    if document is None:
        raise ImportRefused("The file has a header but no document row.")
    return ParsedFramework(
        title=document["title"],
        specs=specs,
        document_identifier=document["identifier"],
        slug=document["slug"],
        version_number=document["number"],
        description=document["description"],
    )


def _rows(text):
    """(first line number, fields) for each record; a quoted field may span several lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_end = 0
    try:
        for values in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if values:
                yield start, values
    except csv.Error as error:
        raise ImportRefused(f"line {previous_end + 1}: the CSV cannot be read ({error}).") from None


def _document(row, line):
    if row["type"].strip().lower() != DOCUMENT_TYPE:
        raise ImportRefused(f"line {line}: the first row must describe the document (type {DOCUMENT_TYPE!r}).")
    match = DOCUMENT_CODE.match(row["code"].strip())
    if match is None:
        raise ImportRefused(f"line {line}: the document's code must be '<slug>/v<number>', not {row['code']!r}.")
    if not row["title"].strip():
        raise ImportRefused(f"line {line}: the document's title (the framework's title) is empty.")
    return {
        "identifier": _uuid(row["identifier"], line, "identifier"),
        "slug": match["slug"].lower(),
        "number": int(match["number"]),
        "title": row["title"],
        "description": row["description"],
    }


def _uuid(value, line, column):
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise ImportRefused(f"line {line}: the {column} {value!r} is not a UUID.") from None
