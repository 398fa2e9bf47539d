"""`python manage.py scan_pii`: the guard as a filter, for tests and operators (PRODUCT.md).

Reads paragraphs, one per line, on standard input and writes one JSON object per line:
{"findings": [{"start", "end", "type", "action", "score"}]}, offsets in characters of that line.
Each answer is written and flushed as soon as its line is read, so a caller can stream."""

import io
import json
import sys

from django.core.management.base import BaseCommand

from coordinated_care.confidentiality.engine import get_analyzer
from coordinated_care.confidentiality.service import scan


class Command(BaseCommand):
    help = "Scan paragraphs from standard input (one per line) and write one JSON line of findings each."

    def handle(self, *args, **options):
        get_analyzer()  # load the model before the first line, so answers come at an even pace
        # Bytes in and out, decoded and encoded as UTF-8 whatever the locale says; only "\n" (and a
        # "\r" before it) ends a paragraph, so offsets count the characters of the line as given.
        source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
        out = sys.stdout.buffer
        for line in source:
            paragraph = line.removesuffix("\n").removesuffix("\r")
            findings = [
                {"start": f.start, "end": f.end, "type": f.type, "action": str(f.action), "score": f.score}
                for f in scan(paragraph)
            ]
            out.write(json.dumps({"findings": findings}, ensure_ascii=False).encode("utf-8") + b"\n")
            out.flush()
