"""Suggested criteria: which of a programme's criteria a paragraph most likely shows, with the
words that led to each (issue 13; docs/suggestions.md; ADR 18).

The text asked about is scored and forgotten: never stored, never logged, never learnt from. The
model reads only what the service's own people wrote: each criterion's title and wording, and the
description and examples of evidence shipped in `data/` or an administrator's `CriterionExamples`.
So nothing one learner writes can show in what another is suggested.

    suggest(programme, "I signposted her to a lunch club")
    # [Suggestion(criterion=<CS7>, score=0.41, words=("signposted", "lunch club")), ...]

Each programme's index is built once per process and built again only when its criteria or an
administrator's examples change (compared on every call: one query, the criteria with them)."""

import threading
from dataclasses import dataclass

from coordinated_care.programmes.models import Criterion

from ..models import CriterionExamples
from .catalogue import document, shipped
from .lexical import Index

LIMIT = 3
# Paragraphs longer than this are scored on their first part: enough to tell, and fast.
MAX_CHARACTERS = 20_000

_indexes = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Suggestion:
    criterion: Criterion
    score: float
    words: tuple

    @property
    def code(self):
        return self.criterion.code


@dataclass(frozen=True)
class Catalogue:
    """A programme's criteria in its order, each with the short description a picker shows."""

    criteria: list
    summaries: dict  # criterion pk: one line
    index: Index


def _override(criterion):
    try:
        return criterion.suggestion_examples
    except CriterionExamples.DoesNotExist:
        return None


def _examples(criterion, override, extra):
    if override is not None:
        return {"summary": override.summary, "examples": override.example_lines()}
    return extra.get(criterion.code, {})


def catalogue(programme):
    """The programme's criteria and their index, built once per process for what they are now."""
    criteria = list(
        Criterion.objects.filter(programme=programme)
        .select_related("group", "suggestion_examples")
        .order_by("group__position", "position")
    )
    overrides = {c.pk: _override(c) for c in criteria if _override(c) is not None}
    key = (
        tuple((c.pk, c.code, c.title, c.wording) for c in criteria),
        tuple(sorted((pk, o.updated_at) for pk, o in overrides.items())),
    )
    cached = _indexes.get(programme.pk)
    if cached is not None and cached[0] == key:
        return cached[1]
    extra = shipped(programme.slug)
    parts = {c.pk: _examples(c, overrides.get(c.pk), extra) for c in criteria}
    built = Catalogue(
        criteria=criteria,
        summaries={pk: part.get("summary", "") for pk, part in parts.items()},
        index=Index([(c.code, document(c.title, c.wording, **parts[c.pk])) for c in criteria]),
    )
    with _lock:
        _indexes[programme.pk] = (key, built)
    return built


def suggest(programme, text, *, limit=LIMIT, leave_out=(), catalogue_=None):
    """The `limit` criteria `text` most likely shows, best first, leaving out the criteria in
    `leave_out` (those already linked). Nothing for text that shares no word with any criterion."""
    found = catalogue_ or catalogue(programme)
    by_code = {c.code: c for c in found.criteria}
    skipped = {getattr(c, "code", c) for c in leave_out}
    scored = found.index.score((text or "")[:MAX_CHARACTERS], limit=limit + len(skipped))
    return [Suggestion(by_code[s.code], s.score, s.words) for s in scored if s.code not in skipped][:limit]
