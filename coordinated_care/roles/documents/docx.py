"""A document as a Word file (python-docx), with real headings, lists and tables so that it reads
well with a screen reader and can be edited."""

import io

from docx import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from .model import Bullets, Paragraph, Subheading, Table


def render_docx(document):
    word = WordDocument()
    word.core_properties.title = document.title
    word.core_properties.author = ""
    style = word.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    word.add_heading(document.title, level=0)
    word.add_paragraph(document.provenance).italic = True
    for section in document.sections:
        if section.new_page:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        word.add_heading(section.heading, level=1)
        for block in section.blocks:
            _block(word, block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _block(word, block):
    if isinstance(block, Subheading):
        word.add_heading(block.text, level=2)
    elif isinstance(block, Paragraph):
        paragraph = word.add_paragraph()
        if block.strong:
            paragraph.add_run(block.strong).bold = True
        paragraph.add_run(block.text)
    elif isinstance(block, Bullets):
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Table):
        table = word.add_table(rows=1, cols=len(block.head))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, block.head, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in block.rows:
            cells = table.add_row().cells
            for position, (cell, text) in enumerate(zip(cells, row, strict=True)):
                cell.text = text
                if position == 0 and block.first_cell_is_header and cell.paragraphs[0].runs:
                    cell.paragraphs[0].runs[0].bold = True
        word.add_paragraph()


def docx_text(data):
    """Every paragraph and table cell of a Word file, for tests."""
    word = WordDocument(io.BytesIO(data))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)
