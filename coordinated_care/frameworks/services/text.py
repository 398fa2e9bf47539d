"""Text as the framework stores and shows it: plain words in paragraphs, never markup.

A CASE file from another tool may carry HTML in an item's notes or description
(`<p><span class="…">…</span></p>`). It is turned into plain paragraphs when it is read, and again
whenever a page shows it (for rows imported before this), and the page escapes what is left: the
text is never marked safe."""

import html
import re

from django.utils.html import strip_tags

# The tags that end a paragraph or a line, so their text does not run together.
_BREAKS = re.compile(r"<\s*(?:br\s*/?|/\s*(?:p|div|li|h[1-6]|tr|blockquote))\s*>", re.IGNORECASE)
_TAG_START = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def looks_like_markup(text):
    return bool(_TAG_START.search(text or ""))


def plain_text(text):
    """`text` with any HTML tags removed and entities decoded; paragraphs separated by a blank
    line. Text without markup comes back as it was."""
    if not looks_like_markup(text):
        return text or ""
    broken = _BREAKS.sub("\n\n", text)
    words = html.unescape(strip_tags(broken))
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", words))
    return "\n\n".join(part for part in paragraphs if part)
