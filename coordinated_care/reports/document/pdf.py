"""The portfolio as one PDF (WeasyPrint), printed the same on every machine and fetching nothing
from the network.

- Fonts: Lato, from the pinned `font-lato` package, named by `@font-face` with file URLs; never
  whatever the machine happens to have installed (which differs between a laptop, CI and
  production, and changes the page breaks and so the table of contents).
- Fetching: `LocalFilesOnly` answers only file URLs inside the font package's folder and stops
  the render on anything else (a fatal error, not a warning and a missing image), so nothing a
  portfolio holds can make the server reach out. The role profile documents' PDF
  (roles/documents/pdf.py) refuses every URL, having no fonts of its own; its refusal is reused.
- Tagged and identified as PDF/UA-1, as far as WeasyPrint allows: its `pdf_variant="pdf/ua-1"`
  (in the installed WeasyPrint, 70) writes the structure tree (headings, lists, tables with
  their header cells), the language and title from the HTML, the title shown in the viewer's
  window and the PDF/UA identification in the XMP metadata. It is not checked here against a PDF/UA
  validator (veraPDF needs Java and is not among the dependencies); the PDF holds no images or
  charts, so it needs no alternative text (the feedback summary is a table).
"""

import datetime
import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

import font_lato
from django.template.loader import render_to_string
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from coordinated_care.roles.documents.pdf import NoFetching

from . import wording

# WeasyPrint reports each step of every render at INFO: not worth a log line per export.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

FONT_DIRECTORY = Path(font_lato.font_directory).resolve()
FONTS = {
    # (weight, style): file
    ("normal", "normal"): "Lato-Regular.ttf",
    ("bold", "normal"): "Lato-Bold.ttf",
    ("normal", "italic"): "Lato-Italic.ttf",
    ("bold", "italic"): "Lato-BoldItalic.ttf",
}
TEMPLATE = "reports/document/portfolio.jinja"


class Refused(FatalURLFetchingError):
    """Raised for any URL but the shipped fonts: fatal, so the render stops instead of going on
    without it."""


class LocalFilesOnly(URLFetcher):
    def __init__(self, allowed=(FONT_DIRECTORY,)):
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self._allowed = tuple(Path(a).resolve() for a in allowed)

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            raise Refused(str(NoFetching(f"The portfolio PDF fetches nothing, but was asked for {url}")))
        path = Path(unquote(parsed.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self._allowed) or not path.is_file():
            raise Refused(f"The portfolio PDF reads only its own fonts, but was asked for {url}")
        return super().fetch(url, headers)


def font_faces():
    return [
        {"weight": weight, "style": style, "url": (FONT_DIRECTORY / name).as_uri()}
        for (weight, style), name in FONTS.items()
    ]


def render_html(document, *, code, generated_at):
    return render_to_string(
        TEMPLATE,
        {
            "document": document,
            "code": code,
            "generated_at_utc": generated_at.astimezone(datetime.UTC).strftime("%-d %B %Y, %H:%M UTC"),
            "fonts": font_faces(),
            "wording": wording,
        },
    )


def render_pdf(document, *, code, generated_at):
    # Imported here: loading WeasyPrint (Pango, its default style sheets) is slow, and only
    # exports need it.
    from weasyprint import HTML

    html = render_html(document, code=code, generated_at=generated_at)
    return HTML(string=html, url_fetcher=LocalFilesOnly(), base_url=FONT_DIRECTORY.as_uri() + "/").write_pdf(
        pdf_variant="pdf/ua-1",
        # The <meta> keywords carry the verification code, for verify_portfolio to read back.
        custom_metadata=True,
    )
