"""The documents made from one role profile version (KINDS), each built once as plain blocks
(model.py) and rendered three ways: as an NHS page, as DOCX and as PDF. A document is always made
from the profile's version as stored when it is asked for, and names that version."""

from .builders import KINDS, build, source_for
from .docx import render_docx
from .pdf import render_pdf

__all__ = ["KINDS", "build", "render_docx", "render_pdf", "source_for"]
