"""Street and flat addresses (block), and street names on their own (warn unless someone lives there).

A house number followed by a name and a street word is an address wherever it appears. A street
name alone identifies nobody ("the café on Broad Street"), unless the sentence says someone lives
there; and a practice or a hospital named after its street ("the Elm Road surgery") is a place of
work, not a home."""

import re

from coordinated_care.confidentiality.findings import Action

from .base import Recogniser, result

SUFFIXES = (
    "road|rd|street|st|avenue|ave|lane|close|drive|way|crescent|cres|grove|court|gardens|gdns|place|terrace"
    "|walk|row|hill|rise|mews|view|square|green|parade|vale|croft|fold|meadows|meadow|boulevard|chase|heights"
)
BLOCK_WORDS = "court|house|tower|point|heights|lodge|mansions|gardens|place|view|towers"
NAME_WORD = (
    r"(?:St\.?\s|(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Nurse|Sister|The|A|An|In|On|At)\s)[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s)"
)
LOWER_WORD = r"(?!(?:the|a|an|on|in|at|to|of|and|for|by|with|from|my|her|his|their|our|your)\s)[a-z'’]+\s"
LOWER_SUFFIXES = "road|street|avenue|lane|close|drive|crescent|grove|gardens|terrace"
HOUSE = r"\d{1,4}[A-Za-z]?(?:\s?-\s?\d{1,4}[A-Za-z]?)?"

FLAT = r"(?:flat|apartment|apt\.?|unit|maisonette)\s+\d{1,4}[A-Za-z]?"
NUMBERED_STREET = rf"{HOUSE},?\s+{NAME_WORD}{{1,3}}(?:{SUFFIXES.title()}|{SUFFIXES.upper()})\b\.?"
NUMBERED_STREET_LOWER = rf"{HOUSE},?\s+{LOWER_WORD}{{1,3}}(?:{LOWER_SUFFIXES})\b"
NAMED_BLOCK = rf"{NAME_WORD}{{1,3}}(?:{BLOCK_WORDS.title()})\b"
STREET_NAME = rf"{NAME_WORD}{{1,3}}(?:{SUFFIXES.title()})\b"

ADDRESS = re.compile(
    rf"(?<![\w/.-])(?:(?i:{FLAT})(?:,?\s+(?:{NUMBERED_STREET}|{NAMED_BLOCK}))?|{NUMBERED_STREET}|{NUMBERED_STREET_LOWER})"
)
STREET = re.compile(rf"(?<![\w-])(?:{STREET_NAME})")
NOT_A_HOME = re.compile(
    r"\s*(?:surgery|practice|medical|health|clinic|hospital|hospice|library|school|church|mosque|gurdwara|temple"
    r"|community|centre|center|pharmacy|chemist|station|day|family|children|primary|academy|leisure|park|surgery's"
    r"|fire|police|job|care\s+home|nursing|mandir|synagogue|resource|hub|team|office)\b",
    re.IGNORECASE,
)
LIVES_THERE = re.compile(
    r"\b(?:live|lives|living|lived|moved|moving|move|address|home|house|resides|residing|reside|staying|stays"
    r"|flat|bungalow|tenancy|rehoused)\b",
    re.IGNORECASE,
)
# Titles or names that happen to end in a street word: "Dr Lane", "Sir Walk" cannot be streets.
TITLE_BEFORE = re.compile(r"\b(?:mr|mrs|ms|miss|mx|dr|nurse|sister)\.?\s+$", re.IGNORECASE)


class AddressRecogniser(Recogniser):
    entities = ("ADDRESS",)

    def find(self, text, doc):
        taken = []
        for match in ADDRESS.finditer(text):
            if NOT_A_HOME.match(text, match.end()):
                continue
            taken.append(match.span())
            yield result("ADDRESS", *match.span(), 0.9)
        for match in STREET.finditer(text):
            start, end = match.span()
            # The word before a street name may be a sentence opener ("Moving to Holly Lane...").
            if any(s < end and start < e for s, e in taken) or NOT_A_HOME.match(text, end):
                continue
            if TITLE_BEFORE.search(text, max(0, start - 8), start):
                continue
            if LIVES_THERE.search(text, max(0, start - 60), start):
                yield result("ADDRESS", start, end, 0.7, detail="Someone lives on this street.")
            else:
                yield result("ADDRESS", start, end, 0.4, detail="It is a street name.", action=Action.WARN)
