"""The lexical model behind suggested criteria: each criterion is a document (its title, its
wording in the programme, a short description and examples of evidence written by us), and a
paragraph is scored against every document by TF-IDF over word stems and two-word phrases, by
cosine. Pure functions over plain data: no database, no network, nothing learnt from what a
learner writes (docs/suggestions.md, ADR 18).

Chosen over BM25 and over the vectors of the spaCy model the guard loads by the figures of
`make eval-criteria` (docs/suggestions.md)."""

import math
import re
from collections import Counter
from dataclasses import dataclass

# Words too common in care coordination writing, or in English, to say which criterion a
# paragraph shows.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each else even ever every
    few for from further get got had has have having he her here hers herself him himself his how i
    if in into is it its itself just let me more most much my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon us
    very was we were what when where which while who whom why will with within would you your yours
    yourself yourselves one two three first next last week weeks day days month months year years
    time times back way thing things lot really still well made make makes making said say says told
    went go going come came gave give given take took put see saw seen felt feel ask asked
    mr mrs ms miss patient patients person people man woman lady gentleman client service user
    """.split()
)

_WORD = re.compile(r"[a-z][a-z'&]*[a-z]|[a-z]")

# Suffixes stripped, longest first, so that "signposted", "signposting" and "signposts" meet.
_SUFFIXES = (
    "isations",
    "izations",
    "isation",
    "ization",
    "ational",
    "fulness",
    "iveness",
    "ements",
    "ement",
    "ments",
    "ment",
    "ities",
    "ity",
    "ings",
    "ing",
    "ised",
    "ized",
    "ises",
    "izes",
    "ise",
    "ize",
    "ness",
    "ions",
    "ion",
    "ers",
    "er",
    "ies",
    "ied",
    "ied",
    "ed",
    "es",
    "ly",
    "al",
    "s",
)


def stem(word):
    """A small suffix stripper: enough to join the forms of a word, never shorter than four letters."""
    word = word.replace("'", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("i") and len(word) > 4:
        word = word[:-1] + "y"
    return word


@dataclass(frozen=True)
class Token:
    term: str  # the stem, or two stems joined by a space
    surface: str  # the words as written


def tokens(text):
    """The terms of `text`: each word's stem (stopwords left out) and each pair of neighbouring
    kept words, with the words as written so that a suggestion can say which led to it."""
    words = [w for w in _WORD.findall((text or "").lower().replace("\u2019", "'"))]
    kept = [(stem(w), w) for w in words if w not in STOPWORDS and len(w) > 1]
    found = [Token(term, surface) for term, surface in kept]
    found += [Token(f"{a[0]} {b[0]}", f"{a[1]} {b[1]}") for a, b in zip(kept, kept[1:], strict=False)]
    return found


@dataclass(frozen=True)
class Scored:
    code: str
    score: float
    words: tuple  # the words of the paragraph that counted most, best first


class Index:
    """TF-IDF vectors (sublinear term frequency, smoothed inverse document frequency) of each
    criterion's document, normalised, and a paragraph's cosine with each."""

    PHRASE_WEIGHT = 1.5  # a two-word phrase says more than its words apart

    def __init__(self, documents):
        """`documents`: [(code, text)] in the programme's order."""
        self.codes = [code for code, _ in documents]
        counts = [Counter(t.term for t in tokens(text)) for _, text in documents]
        frequency = Counter(term for count in counts for term in count)
        n = len(documents)
        self.idf = {term: math.log((1 + n) / (1 + df)) + 1 for term, df in frequency.items()}
        self.vectors = [self._normalised(count) for count in counts]

    def _weight(self, term, count):
        return (1 + math.log(count)) * self.idf.get(term, 0.0) * (self.PHRASE_WEIGHT if " " in term else 1.0)

    def _normalised(self, count):
        vector = {term: self._weight(term, c) for term, c in count.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {term: v / norm for term, v in vector.items()}

    def score(self, text, limit=3):
        """The `limit` best criteria for `text`, best first; those sharing no term are left out."""
        found = tokens(text)
        query = self._normalised(Counter(t.term for t in found if t.term in self.idf))
        surfaces = {}
        for t in found:
            surfaces.setdefault(t.term, t.surface)
        scored = []
        for code, vector in zip(self.codes, self.vectors, strict=True):
            parts = {term: weight * vector[term] for term, weight in query.items() if term in vector}
            total = sum(parts.values())
            if total > 0:
                best = sorted(parts, key=parts.get, reverse=True)
                words = _distinct(surfaces[term] for term in best)[:4]
                scored.append(Scored(code, round(total, 4), tuple(words)))
        scored.sort(key=lambda s: (-s.score, self.codes.index(s.code)))
        return scored[:limit]


def _distinct(surfaces):
    """Words as written, each once, leaving out a word already inside a phrase shown."""
    shown = []
    for surface in surfaces:
        if any(surface in kept.split() or surface == kept for kept in shown):
            continue
        shown = [kept for kept in shown if kept not in surface.split()]
        shown.append(surface)
    return shown
