"""Whole words for the name rules, built from spaCy's tokens: "Anne", "-", "Marie" is one word, and
each word knows its offsets, its accent-folded form, its entity label and whether it opens a sentence."""

import re
from dataclasses import dataclass

from coordinated_care.confidentiality import lexicon

from . import name_cues as cues

WORD = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)*$")
ABBREVIATED_TITLE = re.compile(r"^(?:mr|mrs|ms|mx|dr|prof|rev|revd|st)\.$", re.IGNORECASE)
INITIAL = re.compile(r"^[A-Z]\.$")  # spaCy keeps the full stop of "J." in the token


@dataclass
class Word:
    text: str
    start: int
    end: int
    folded: str
    ent: str
    first_token: int
    last_token: int
    sentence_start: bool
    possessive: bool = False

    @property
    def capitalised(self):
        return self.text[0].isupper() and not self.text.isupper()

    @property
    def upper(self):
        return self.text.isupper() and len(self.text) > 1

    @property
    def lower(self):
        return self.text.islower()


def build_words(doc, text: str) -> list[Word]:
    """Whole words from spaCy tokens: "Anne", "-", "Marie" become "Anne-Marie"."""
    words = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if not WORD.match(token.text) and not ABBREVIATED_TITLE.match(token.text) and not INITIAL.match(token.text):
            i += 1
            continue
        j = i
        while (
            j + 2 < len(doc)
            and not doc[j].whitespace_
            and doc[j + 1].text == "-"
            and not doc[j + 1].whitespace_
            and WORD.match(doc[j + 2].text)
        ):
            j += 2
        start, end = token.idx, doc[j].idx + len(doc[j].text)
        if INITIAL.match(token.text):
            end -= 1  # the word is the letter; the full stop is a gap, as after "Mrs."
        previous = doc[i - 1].text if i > 0 else None
        # A spaced dash breaks a sentence; a hyphen inside "84-year-old" does not.
        dash_break = i > 0 and previous in ("-", "–", "—") and bool(doc[i - 1].whitespace_)
        words.append(
            Word(
                text=text[start:end],
                start=start,
                end=end,
                folded=lexicon.fold(text[start:end]),
                ent=token.ent_type_,
                first_token=i,
                last_token=j,
                sentence_start=previous is None or previous in cues.SENTENCE_BREAKS or "\n" in previous or dash_break,
                possessive=j + 1 < len(doc) and doc[j + 1].text.lower() in ("'s", "’s", "'", "’"),
            )
        )
        i = j + 1
    return words
