"""A document as blocks every renderer understands: headings, paragraphs, bullet lists, tables and
labelled lines to fill in. No renderer knows about role profiles."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str
    strong: str = ""  # a lead-in shown in bold before the text


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    first_cell_is_header: bool = False


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass
class Section:
    heading: str
    blocks: list = field(default_factory=list)
    new_page: bool = False  # printed documents start this section on a new page


@dataclass
class Document:
    kind: str
    title: str
    provenance: str  # which profile version it was made from
    sections: list[Section]

    @property
    def text(self):
        """Every word of the document, for tests and search."""
        parts = [self.title, self.provenance]
        for section in self.sections:
            parts.append(section.heading)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    parts += [block.strong, block.text]
                elif isinstance(block, Bullets):
                    parts += block.items
                elif isinstance(block, Table):
                    parts += [block.caption, *block.head, *(cell for row in block.rows for cell in row)]
                elif isinstance(block, Subheading):
                    parts.append(block.text)
        return "\n".join(part for part in parts if part)
