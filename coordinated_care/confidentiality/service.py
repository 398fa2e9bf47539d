"""`scan(text)`: every finding in a text, with the action the portfolio takes on it.

The recognisers read the normalised text (`normalise`) and the offsets of each finding are mapped
back to the text as written. A long text is read in overlapping chunks of bounded size, so that a
document of any length is checked (spaCy refuses a text over its `max_length`) and an identifier
that straddles the end of one chunk is whole in the next."""

from presidio_analyzer import RecognizerResult

from . import lexicon
from .engine import get_analyzer
from .findings import ACTION_RANK, INTERRUPTING, KINDS, Action, Finding, explain
from .normalise import normalise

# A name found inside "Age UK" or "Gibbs' reflective cycle" names nobody. (Conditions inside "the MS
# Society" are left alone by their own recogniser, which reads the word after them.)
ALLOWABLE = {"PERSON", "ADDRESS", "UNIQUE"}
# Far below spaCy's million characters, and above what the live check sends (20,000), so typing is one chunk.
CHUNK_CHARACTERS = 50_000
# Longer than any identifier with the words around it that a recogniser reads as its cue.
CHUNK_OVERLAP = 400


def scan(text: str) -> list[Finding]:
    """Findings in `text`, sorted by position; overlapping findings keep the stronger action."""
    if not text or not text.strip():
        return []
    normalised = normalise(text)
    findings = []
    for offset, chunk in chunks(normalised.text, CHUNK_CHARACTERS, CHUNK_OVERLAP):
        for f in _scan_chunk(chunk):
            start, end = normalised.original_span(f.start + offset, f.end + offset)
            findings.append(_moved(f, start, end))
    return _without_overlaps(findings)


def chunks(text: str, size: int = CHUNK_CHARACTERS, overlap: int = CHUNK_OVERLAP):
    """(offset, piece) pairs covering `text`; each piece ends at a space where there is one."""
    start = 0
    while True:
        end = min(len(text), start + size)
        if end < len(text):
            space = max(text.rfind(" ", start + size // 2, end), text.rfind("\n", start + size // 2, end))
            end = space + 1 if space > 0 else end
        yield start, text[start:end]
        if end >= len(text):
            return
        start = max(start + 1, end - overlap)
        # Start the next piece on a word, so no word is cut in two at its start.
        space = text.find(" ", start, end)
        start = space + 1 if 0 <= space < end else start


def _scan_chunk(text: str) -> list[Finding]:
    if not text.strip():
        return []
    results = get_analyzer().analyze(text=text, language="en")
    allowed = [m.span() for m in lexicon.allowed_phrases().finditer(lexicon.same_length_apostrophes(text))]
    return [_finding(r) for r in results if not _inside_allowed(r, allowed)]


def _moved(f: Finding, start: int, end: int) -> Finding:
    return Finding(start, end, f.type, f.score, f.action, f.explanation, f.suggestion)


def interrupting(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.action in INTERRUPTING]


def _inside_allowed(r: RecognizerResult, allowed: list[tuple[int, int]]) -> bool:
    return r.entity_type in ALLOWABLE and any(start <= r.start and r.end <= end for start, end in allowed)


def _finding(r: RecognizerResult) -> Finding:
    metadata = r.recognition_metadata or {}
    action = Action(metadata.get("action") or KINDS[r.entity_type].action)
    suggestion = metadata.get("suggestion", "")
    return Finding(
        start=r.start,
        end=r.end,
        type=r.entity_type,
        score=round(float(r.score), 2),
        action=action,
        explanation=explain(r.entity_type, action, metadata.get("detail", ""), suggestion),
        suggestion=suggestion,
    )


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    kept: list[Finding] = []
    # The stronger action wins; between equals, the longer span ("+44 (0)121 496 0987" over the ten
    # digits inside it that happen to pass the NHS check), then the higher score.
    for f in sorted(findings, key=lambda f: (-ACTION_RANK[f.action], f.start - f.end, -f.score)):
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))
