"""Dates of birth (block) and exact ages (warn).

A date on its own is not an identifier: "in March we started a walking group" must pass. What
identifies is a date tied to a birth, so dates are reported only after a birth cue, or when a full
date is old enough that it can only be someone's birthday."""

import re

from .base import Recogniser, result

MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
NUMERIC_DATE = r"(?:[12]\d|3[01]|0?[1-9])(?P<sep>[/.-])(?:1[0-2]|0?[1-9])(?P=sep)(?:\d{4}|\d{2})"
TEXT_DATE = (
    rf"(?:{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"
    rf"|{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"
    rf"|{MONTH},?\s+{YEAR})"
)
# ISO 8601, as a form or a system export writes it: "1945-03-12".
ISO_DATE = r"(?:19|20)\d{2}(?P<isosep>[-/.])(?:1[0-2]|0?[1-9])(?P=isosep)(?:[12]\d|3[01]|0?[1-9])"
DATE = rf"(?:{NUMERIC_DATE}|{ISO_DATE}|{TEXT_DATE})(?!\w)"

BIRTH_CUE = r"(?:born|b\.|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday)"
LINK = r"(?:[\s:,(-]|\b(?:is|was|on|in|the|of|as|given\s+as)\b)*"
DATE_OF_BIRTH = re.compile(rf"(?<!\w){BIRTH_CUE}{LINK}(?P<date>{DATE})", re.IGNORECASE)
YEAR_OF_BIRTH = re.compile(rf"(?<!\w)born{LINK}(?P<year>{YEAR})(?!\w)", re.IGNORECASE)
OLD_FULL_DATE = re.compile(
    rf"(?<![\w/.-])(?:(?:[12]\d|3[01]|0?[1-9])(?P<sep>[/.-])(?:1[0-2]|0?[1-9])(?P=sep)(?:19\d{{2}})"
    rf"|19\d{{2}}(?P<isosep>[-/.])(?:1[0-2]|0?[1-9])(?P=isosep)(?:[12]\d|3[01]|0?[1-9])"
    rf"|{DAY}\s+(?:of\s+)?{MONTH},?\s+19\d{{2}}|{MONTH}\s+{DAY},?\s+19\d{{2}})(?!\w)",
    re.IGNORECASE,
)


LIFE_EVENT = (
    r"(?:died|passed\s+away|admitted|discharged|readmitted|fell|had\s+a\s+fall|diagnosed|operated\s+on"
    r"|funeral|buried|cremated|married|widowed|moved\s+in|moved\s+out|sectioned|arrested|evicted)"
)
PERSONAL_DATE = re.compile(
    rf"(?<!\w){LIFE_EVENT}\s+(?:on\s+)?(?:the\s+)?(?P<date>{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"
    rf"|{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{NUMERIC_DATE})(?!\w)",
    re.IGNORECASE,
)


class DateOfBirthRecogniser(Recogniser):
    entities = ("DATE_OF_BIRTH", "AGE", "PERSONAL_DATE")

    def find(self, text, doc):
        taken = []
        for match in DATE_OF_BIRTH.finditer(text):
            taken.append((match.start("date"), match.end("date")))
            yield result("DATE_OF_BIRTH", *taken[-1], 0.95, detail="It follows a word about birth.")
        for match in OLD_FULL_DATE.finditer(text):
            if not any(start <= match.start() < end for start, end in taken):
                yield result(
                    "DATE_OF_BIRTH",
                    match.start(),
                    match.end(),
                    0.6,
                    detail="A full date from before 2000 is most likely someone's date of birth.",
                )
        for match in PERSONAL_DATE.finditer(text):
            if not any(start <= match.start("date") < end for start, end in taken):
                yield result("PERSONAL_DATE", match.start(), match.end("date"), 0.6)
        for match in YEAR_OF_BIRTH.finditer(text):
            yield result("AGE", match.start("year"), match.end("year"), 0.6, detail="A year of birth gives an age.")


AGE_NUMBER = r"(?:1[01]\d|[1-9]?\d)"
# "aged eighty-four" is as exact as "aged 84".
AGE_WORDS = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?|(?:a|one)\s+hundred(?:\s+and\s+\w+)?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)"
)
AGE_VALUE = rf"(?:{AGE_NUMBER}|{AGE_WORDS})"
NOT_AN_AGE_AFTER = (
    r"(?:%|/|[.,]\d|\s*(?:percent|per|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?(?!\s*old|-old)"
    r"|times|people|patients|out|of|mg|kg|miles|points|pounds|calls|visits|sessions|referrals|am|pm|o'clock)\b)"
)
AGE_PATTERNS = [
    re.compile(rf"\baged?\s*:?\s*(?P<age>{AGE_VALUE})(?![\w-]|{NOT_AN_AGE_AFTER})", re.IGNORECASE),
    re.compile(rf"\b(?P<age>{AGE_VALUE})[\s-]*(?:years?|yrs?)[\s-]*old\b", re.IGNORECASE),
    re.compile(rf"\b(?P<age>{AGE_NUMBER})\s*(?:yo|y/o|y\.o\.)(?!\w)", re.IGNORECASE),
    re.compile(rf"\b(?P<age>{AGE_NUMBER})\s+years\s+of\s+age\b", re.IGNORECASE),
    re.compile(
        rf"\b(?:woman|man|lady|gentleman|person|patient|widow|widower)\s+of\s+(?P<age>{AGE_NUMBER})(?!\d|{NOT_AN_AGE_AFTER})",
        re.IGNORECASE,
    ),
    # "Mr X is 78 and cares for his wife": a bare number after "is" or "was" when nothing says it
    # is a count, a score or a measure.
    re.compile(
        rf"\b(?:is|was|turned|turns|turning|is\s+now)\s+(?P<age>{AGE_NUMBER})(?!\d|{NOT_AN_AGE_AFTER})"
        r"(?=\s*(?:[,.;)]|and\b|but\b|when\b|now\b|this\b|last\b|next\b|$))",
        re.IGNORECASE,
    ),
]


class AgeRecogniser(Recogniser):
    entities = ("AGE",)

    def find(self, text, doc):
        seen = set()
        for pattern in AGE_PATTERNS:
            for match in pattern.finditer(text):
                # The copula pattern reports the number alone: "is" is no part of the age.
                span = match.span("age") if pattern is AGE_PATTERNS[-1] else match.span()
                if not any(s < span[1] and span[0] < e for s, e in seen):
                    seen.add(span)
                    yield result("AGE", *span, 0.7)
