"""`scan(text)`: every finding in a text, with the action the portfolio takes on it."""

from presidio_analyzer import RecognizerResult

from . import lexicon
from .engine import get_analyzer
from .findings import ACTION_RANK, INTERRUPTING, KINDS, Action, Finding, explain

# A name found inside "Age UK" or "Gibbs' reflective cycle" names nobody.
ALLOWABLE = {"PERSON", "MEDICAL_CONDITION", "ADDRESS"}


def scan(text: str) -> list[Finding]:
    """Findings in `text`, sorted by position; overlapping findings keep the stronger action."""
    if not text or not text.strip():
        return []
    results = get_analyzer().analyze(text=text, language="en")
    allowed = [m.span() for m in lexicon.allowed_phrases().finditer(lexicon.same_length_apostrophes(text))]
    findings = [_finding(r) for r in results if not _inside_allowed(r, allowed)]
    return _without_overlaps(findings)


def interrupting(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.action in INTERRUPTING]


def _inside_allowed(r: RecognizerResult, allowed: list[tuple[int, int]]) -> bool:
    return r.entity_type in ALLOWABLE and any(start <= r.start and r.end <= end for start, end in allowed)


def _finding(r: RecognizerResult) -> Finding:
    metadata = r.recognition_metadata or {}
    action = Action(metadata.get("action") or KINDS[r.entity_type].action)
    return Finding(
        start=r.start,
        end=r.end,
        type=r.entity_type,
        score=round(float(r.score), 2),
        action=action,
        explanation=explain(r.entity_type, action, metadata.get("detail", "")),
    )


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    kept: list[Finding] = []
    # The stronger action wins; between equals, the longer span ("+44 (0)121 496 0987" over the ten
    # digits inside it that happen to pass the NHS check), then the higher score.
    for f in sorted(findings, key=lambda f: (-ACTION_RANK[f.action], f.start - f.end, -f.score)):
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))
