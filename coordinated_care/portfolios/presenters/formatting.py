"""How dates, times and free text are written on portfolio pages."""

from django.utils import timezone
from markupsafe import Markup, escape


def day(value):
    """15 March 2026"""
    return f"{value.day} {value:%B %Y}" if value else ""


def when(value):
    """15 March 2026 at 2:05pm, in the service's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{day(local)} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


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
