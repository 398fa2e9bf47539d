"""The evaluation set: synthetic paragraphs in the voice of case studies and reflections.

Each file holds one paragraph per line, with what the guard should find marked inline as
[[text|TYPE]]; lines starting with # are comments. Marking inline keeps the set readable and
editable by people who write portfolios, and the offsets are worked out here rather than by hand."""

import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
# "held-out" was written before the first rules; "held-out-2" was written for issue 16 (conditions,
# record numbers, details that single a person out, obfuscated identifiers), in the words a learner
# would type, before its rules were tuned and never read for their mistakes.
PARTS = {"development": HERE / "dev.txt", "held-out": HERE / "heldout.txt", "held-out-2": HERE / "heldout2.txt"}
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    spans: tuple[Span, ...]
    line: int


def parse(line: str, number: int = 0) -> Paragraph:
    text, spans, position = [], [], 0
    for match in MARK.finditer(line):
        text.append(line[position : match.start()])
        start = sum(len(part) for part in text)
        text.append(match.group(1))
        spans.append(Span(start, start + len(match.group(1)), match.group(2)))
        position = match.end()
    text.append(line[position:])
    return Paragraph("".join(text), tuple(spans), number)


def load(part: str) -> list[Paragraph]:
    lines = PARTS[part].read_text(encoding="utf-8").splitlines()
    return [parse(line, n) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
