"""Word lists the recognisers share, read once per process from the text files beside this module.

They are our own lists, kept as plain text so that a reviewer can see and extend them without
reading code. `fold` is the one normalisation every lookup uses, so "Siobhán", "SIOBHAN" and
"siobhan" meet the same entry."""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


# Every word of every scan is folded, most of them words seen before: kept, the guard's name rules
# cost a tenth less (docs/benchmarks.md). Bounded, since the words come from whatever people type.
@lru_cache(maxsize=50_000)
def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.translate(APOSTROPHES).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def same_length_apostrophes(text: str) -> str:
    """Curly apostrophes made straight without moving any character offset."""
    return text.translate(APOSTROPHES)


def _lines(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(fold(word) for line in _lines(name) for word in line.split())


@cache
def first_names() -> frozenset[str]:
    return _words("first_names.txt") | ambiguous_names()


@cache
def ambiguous_names() -> frozenset[str]:
    return _words("ambiguous_names.txt")


def _entries(name: str) -> list[str]:
    return [fold(entry.strip()) for line in _lines(name) for entry in line.split(",") if entry.strip()]


@cache
def places() -> frozenset[str]:
    """Single-word places; places of several words are matched as phrases by `allowed_phrases`."""
    return frozenset(entry for entry in _entries("places.txt") if " " not in entry)


def _phrase_pattern(phrases: list[str], flags=re.IGNORECASE) -> re.Pattern:
    # Longest first, so "age uk birmingham" wins over "age uk".
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w'-])(?:{alternatives})(?:'s|s'|')?(?![\w-])", flags)


@cache
def allowed_phrases() -> re.Pattern:
    places_of_several_words = [entry for entry in _entries("places.txt") if " " in entry]
    return _phrase_pattern(_lines("allowed_phrases.txt") + places_of_several_words)


@cache
def allowed_words() -> frozenset[str]:
    """Organisations and models of one word ("Macmillan", "Kolb"): never a person's name."""
    phrases = (fold(line) for line in _lines("allowed_phrases.txt"))
    return frozenset(p.removesuffix("'s").rstrip("'") for p in phrases if " " not in p)


@dataclass(frozen=True)
class Condition:
    term: str
    code: str  # ICD-10-CM, for a reviewer tracing where the term came from
    suggestion: str  # general wording to use instead


@dataclass(frozen=True)
class ConditionIndex:
    """Terms by their first word, so a scan looks up each word of a text instead of trying every term."""

    by_first_word: dict[str, list[tuple[tuple[str, ...], Condition]]]
    abbreviations: dict[str, Condition]  # four letters or fewer: matched only as written ("MND", not "mnd")


def condition_words(text: str) -> list[str]:
    return [fold(w) for w in text.split()]


@cache
def conditions() -> ConditionIndex:
    """`conditions.tsv`, built from ICD-10-CM by scripts/build_condition_lexicon.py."""
    by_first_word: dict[str, list[tuple[tuple[str, ...], Condition]]] = {}
    abbreviations: dict[str, Condition] = {}
    for line in _lines("conditions.tsv"):
        term, code, suggestion = line.split("\t")
        condition = Condition(term, code, suggestion)
        if len(term) <= 4:
            abbreviations[term] = condition
            continue
        words = tuple(condition_words(term))
        by_first_word.setdefault(words[0], []).append((words, condition))
    for entries in by_first_word.values():
        entries.sort(key=lambda entry: -len(entry[0]))  # longest first: "type 2 diabetes" over "type"
    return ConditionIndex(by_first_word, abbreviations)
