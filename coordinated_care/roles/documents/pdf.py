"""A document as a PDF (WeasyPrint) from the same blocks, printed with the fonts installed on the
machine. Nothing is fetched while rendering: every URL is refused."""

import logging

from django.template.loader import render_to_string

# WeasyPrint reports each step of every render at INFO: not worth a log line per download.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class NoFetching(Exception):
    pass


def _refuse(url, *args, **kwargs):
    raise NoFetching(f"A role profile document fetches nothing, but was asked for {url}")


def render_pdf(document):
    # Imported here: loading WeasyPrint (Pango, its default style sheets) is slow, and only
    # downloads need it.
    from weasyprint import HTML

    html = render_to_string("roles/documents/print.jinja", {"document": document})
    return HTML(string=html, url_fetcher=_refuse).write_pdf()
