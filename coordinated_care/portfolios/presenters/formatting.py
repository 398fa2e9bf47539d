"""How free text and file sizes are written on portfolio pages (dates and times: core.dates)."""

from markupsafe import Markup, escape


def paragraphs(text):
    """Writing as the learner wrote it: blank lines make paragraphs, single line breaks stay."""
    blocks = [block.strip() for block in str(text or "").replace("\r\n", "\n").split("\n\n") if block.strip()]
    return Markup("").join(
        Markup('<p class="nhsuk-body">{}</p>').format(Markup("<br>").join(escape(line) for line in block.split("\n")))
        for block in blocks
    )


def size(number_of_bytes):
    if number_of_bytes < 1024:
        return f"{number_of_bytes} bytes"
    if number_of_bytes < 1024 * 1024:
        return f"{number_of_bytes / 1024:.0f} KB"
    return f"{number_of_bytes / (1024 * 1024):.1f} MB"
