"""Hospital numbers, MRNs and the reference numbers of other services (block).

A record number points to one patient as surely as an NHS number, but has no fixed shape: each
hospital and service makes its own. So a number is reported when a cue says what it is ("hospital
number", "MRN", "ref", "reference", "RiO number") and it looks like a record number (five digits or
more, or letters and four digits or more), or, with no cue, when it has the shape hospitals use,
one to three capitals and six to nine digits ("RX1234567")."""

import re

from .base import Recogniser, result

CUE = (
    r"(?:hospital|hosp\.?|medical\s+record|health\s+record|case\s*note|casenote|unit|case|patient|client|service"
    r"|record|system|rio|emis|systmone|pas|mosaic|liquidlogic|crn)\s*(?:number|no\.?|num\.?|#|id\b|ref(?:erence)?\.?)"
    r"|\bmrn|\bm\.r\.n\.?|\bhospital\s+id|\bpatient\s+id|\bclient\s+id|\breference(?:\s+number|\s+no\.?)?"
    r"|\bref(?:\s+number|\s+no\.?)?\.?|\bour\s+ref|\byour\s+ref|\bcrn\b|\bcase\s+id"
)
# What may stand between a cue and its number: "hospital number is", "ref: ", "MRN (", "reference of".
LINK = (
    r"(?:(?:\s*(?:[:#(=,-]|is|was|of|given\s+as|quoted\s+as|number|no\.?)\s*|\s+){1,4}"
    # "The MRN on the discharge summary was ...": a few words, then a verb or a colon.
    r"|(?:\s+[\w'’]+){1,5}?\s*(?:\bis|\bwas|:)\s*)"
)
VALUE = r"(?P<value>[A-Z]{0,4}[-/]?\d(?:[\d/-]|\s(?=\d)){3,14}[A-Z]?|[A-Z]{1,4}\d{4,12}[A-Z]?)"
WITH_CUE = re.compile(rf"(?<![\w])(?:{CUE}){LINK}{VALUE}(?![\w/-])", re.IGNORECASE)
HOSPITAL_SHAPE = re.compile(r"(?<![\w/-])[A-Z]{1,3}\d{6,9}(?![\w/-])")
YEAR_RANGE = re.compile(r"^(?:19|20)\d{2}(?:[/-](?:19|20)?\d{2})?$")


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


class RecordNumberRecogniser(Recogniser):
    entities = ("MRN",)

    def find(self, text, doc):
        taken = []
        for match in WITH_CUE.finditer(text):
            value = match.group("value").rstrip(" -/")
            start = match.start("value")
            letters = any(ch.isalpha() for ch in value)
            if YEAR_RANGE.match(value) or _digits(value) < (4 if letters else 5):
                continue
            taken.append((start, start + len(value)))
            yield result("MRN", start, start + len(value), 0.9, detail="It follows a word for a record number.")
        for match in HOSPITAL_SHAPE.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            yield result(
                "MRN", *match.span(), 0.7, detail="Letters and a long number are the shape of a hospital number."
            )
