"""The text the recognisers read, and the way back to the text the author wrote.

Writers hide identifiers without meaning to: a no-break or thin space pasted from a letter, a
zero-width space from a web page, full-width digits from a phone keyboard, an NHS number broken
across a line or spelled out ("nine four three ..."), two spaces in a postcode. The recognisers read
one plain form of the text, and every offset they report is mapped back here, so the form and the
live check mark the characters the author actually typed."""

import re
import unicodedata
from dataclasses import dataclass

# Characters that take no room on the page: a finding must see through them.
INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
LINE_BREAKS = frozenset("\n\r\u0085\u2028\u2029\u000b\u000c")
NUMBER_WORDS = {
    "zero": "0",
    "nought": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_WORD = "|".join(NUMBER_WORDS)
# Six or more digits spelled out one by one is a number being dictated, never prose ("one or two" is).
SPELLED_DIGITS = re.compile(rf"\b(?:{_WORD})(?:[\s,-]+(?:{_WORD})){{5,}}\b", re.IGNORECASE)
SPELLED_DIGIT = re.compile(rf"\b(?:{_WORD})\b", re.IGNORECASE)
# A line break with a digit on each side joins one number, "943 476\n5919"; other line breaks stay,
# because they end a heading or a list item, which the name rules read as a sentence break.
BROKEN_NUMBER = re.compile(r"(?<=\d)[ \t]*\n[ \t]*(?=\d)")
# A rule of "=====" or "-----" is one token per character to spaCy, and a page of them made a scan
# take minutes: a run of one symbol reads as three, which no identifier contains.
REPEATED_SYMBOL = re.compile(r"([^\w\s])\1{3,}")


@dataclass(frozen=True)
class Normalised:
    text: str
    # For each character of `text`, the half-open span of the original it came from.
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]


class _Builder:
    def __init__(self):
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, text: str, start: int, end: int):
        for ch in text:
            self.chars.append(ch)
            self.starts.append(start)
            self.ends.append(end)

    def build(self) -> Normalised:
        return Normalised("".join(self.chars), tuple(self.starts), tuple(self.ends))


def _characters(text: str) -> Normalised:
    """NFKC one character at a time (full-width digits, ligatures, compatibility spaces), invisible
    characters dropped, every space a plain space and each run of spaces one, every line break "\n"."""
    out = _Builder()
    for i, ch in enumerate(text):
        if ch in INVISIBLE:
            continue
        if ch in LINE_BREAKS:
            if ch == "\n" and i > 0 and text[i - 1] == "\r":
                out.ends[-1] = i + 1  # "\r\n" is one break
                continue
            out.add("\n", i, i + 1)
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if ch == "\t" or unicodedata.category(ch) == "Zs" or folded.isspace():
            folded = " "
        if folded == " " and out.chars and out.chars[-1] == " ":
            out.ends[-1] = i + 1  # two spaces, "B15  2TT", read as one
            continue
        out.add(folded, i, i + 1)
    return out.build()


def _rewrite(source: Normalised, pattern: re.Pattern, replace) -> Normalised:
    """`source` with each match of `pattern` replaced by `replace(match)`, keeping the mapping."""
    out = _Builder()
    position = 0
    for match in pattern.finditer(source.text):
        for k in range(position, match.start()):
            out.add(source.text[k], source.starts[k], source.ends[k])
        replace(match, source, out)
        position = match.end()
    for k in range(position, len(source.text)):
        out.add(source.text[k], source.starts[k], source.ends[k])
    return out.build()


def _join_line(match, source, out):
    start, end = source.original_span(match.start(), match.end())
    out.add(" ", start, end)


def _digits(match, source, out):
    # Each digit maps back to the word it was spelled as, and the whole run reads as one number.
    for word in SPELLED_DIGIT.finditer(match.group()):
        start, end = source.original_span(match.start() + word.start(), match.start() + word.end())
        out.add(NUMBER_WORDS[word.group().lower()], start, end)


def _three(match, source, out):
    start, end = source.original_span(match.start(), match.end())
    out.add(match.group(1) * 3, start, end)


def normalise(text: str) -> Normalised:
    result = _characters(text)
    if REPEATED_SYMBOL.search(result.text):
        result = _rewrite(result, REPEATED_SYMBOL, _three)
    if "\n" in result.text:
        result = _rewrite(result, BROKEN_NUMBER, _join_line)
    if SPELLED_DIGITS.search(result.text):
        result = _rewrite(result, SPELLED_DIGITS, _digits)
    return result
