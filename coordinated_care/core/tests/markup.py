"""For tests that hold markup written out by hand to the NHS.UK macro's: render a template source in
the service's Jinja environment, and compare HTML with the whitespace between tags taken out."""

import re

from django.template import engines


def normalised(html):
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r"\s*>\s*", ">", html)
    html = re.sub(r"\s*<\s*", "<", html)
    return html.strip()


def render(source, **context):
    return engines["jinja2"].env.from_string(source).render(**context)
