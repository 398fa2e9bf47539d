"""Word lists the recognisers share, read once per process from the text files beside this module.

They are our own lists, kept as plain text so that a reviewer can see and extend them without
reading code. `fold` is the one normalisation every lookup uses, so "Siobhán", "SIOBHAN" and
"siobhan" meet the same entry."""

import re
import unicodedata
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


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


@cache
def rare_conditions() -> tuple[re.Pattern, re.Pattern]:
    """Long names match in any case; short abbreviations (MND, PSP) only in capitals."""
    phrases = _lines("rare_conditions.txt")
    long_names = [p for p in phrases if len(p) > 4]
    abbreviations = [p.upper() for p in phrases if len(p) <= 4]
    return _phrase_pattern(long_names), _phrase_pattern(abbreviations, flags=0)
