"""Details that pick out one person without naming them (confirm).

"The retired headteacher of the village school", "the only thatched cottage on the green", "the
local vicar" or "who runs Hartley's Bakery" names nobody, yet everyone in the village knows who it is.
Three shapes are reported: a role of which a place has one, "the only ..." or "the oldest ..." in a
place, and a named small business (or "the corner shop") that someone runs or owns."""

import re

from .base import Recogniser, result

# Roles a village, a school or a parish has one of.
ROLE = (
    r"(?:head\s*teacher|headmaster|headmistress|head\s+of\s+the\s+school|vicar|rector|curate|priest|imam|rabbi"
    r"|minister|mayor|lord\s+mayor|councillor|mp|postmaster|postmistress|publican|landlord|landlady|lollipop\s+(?:lady|man)"
    r"|caretaker|verger|churchwarden|chair(?:man|woman|person)?|captain|president|owner|proprietor|lifeboat\s+cox(?:swain)?"
    r"|blacksmith|butcher|baker|milkman|postman|postwoman|dentist|vet|chemist|stationmaster|bandleader|choirmaster)"
)
PLACE = (
    r"(?:village|town|parish|hamlet|island|estate|street|road|green|lane|close|school|primary|church|chapel|mosque"
    r"|gurdwara|temple|synagogue|pub|inn|post\s+office|shop|farm|football\s+club|cricket\s+club|rugby\s+club|club"
    r"|practice|surgery|parish\s+council|council|lifeboat\s+station|station|community\s+centre|choir|band|market"
    r"|area|constituency|city|county|borough|district|ward)"
)
PLACE_WORDS = r"(?:[\w'’-]+\s+){0,3}?"
ROLE_IN_PLACE = re.compile(
    rf"\b(?:the|a)\s+(?:(?:retired|former|late|old|last|current|longstanding|long-serving|previous)\s+)?{ROLE}"
    rf"\s+(?:of|at|for|in|from|on)\s+(?:the|our|this|that)\s+{PLACE_WORDS}{PLACE}(?:\s+{PLACE})?\b"
    rf"|\b(?:the|our|their)\s+(?:(?:retired|former|late|old)\s+)?(?:village|local|parish|town|island)(?:'s)?\s+{ROLE}\b"
    rf"|\b(?:the|our)\s+(?:village|parish|town|island)(?:'s)?\s+(?:only|oldest|youngest|last)\s+[\w'’-]+(?:\s+[\w'’-]+)?",
    re.IGNORECASE,
)
STAFF = re.compile(
    r"\b(?:coordinators?|prescribers?|gps?|nurses?|pharmacists?|doctors?|receptionists?|managers?|staff|coach"
    r"|facilitators?|supervisors?|physios?|therapists?|paramedics?|clinicians?|colleagues?|volunteers?)\b",
    re.IGNORECASE,
)
# "the only thatched cottage on the green", "the only Polish family in the village", "the oldest man in the parish".
ONLY_IN_PLACE = re.compile(
    rf"\bthe\s+(?:only|oldest|youngest|tallest|last\s+remaining|first\s+(?:woman|man|person))\s+"
    rf"(?!(?:way|thing|things|time|times|option|options|reason|question|problem|choice|answer|help|support|service"
    rf"|services|thing|one\s+who|person\s+who|people\s+who|difference|change|issue|time|place|route)\b)"
    rf"(?:[\w'’-]+\s+){{1,4}}?(?:in|on|at|of|near|along)\s+(?:the|our|this|that|their)\s+{PLACE_WORDS}{PLACE}\b",
    re.IGNORECASE,
)
BUSINESS = (
    r"(?:Bakery|Bakers|Butchers|Butcher's|Barbers|Barber's|Salon|Hair(?:dressers)?|Florists?|Fisheries|Newsagents?"
    r"|Tearooms?|Tea\s+Rooms|Motors|Garage|Takeaway|Kebabs?|Chippy|Deli|Stores|Café|Cafe|Plumbing|Builders|Joinery"
    r"|Roofing|Electricals?|Taxis|Cabs|Launderette|Farm\s+Shop|(?:&|and)\s+Sons?|(?:&|and)\s+Daughters?)"
)
NAMED_BUSINESS = re.compile(rf"(?<![\w-])(?:[A-Z][\w'’-]*\s+){{1,3}}{BUSINESS}(?![\w-])")
RUNS = re.compile(
    r"\b(?:runs|ran|owns|owned|own|run|running|owner\s+of|runs\s+the|took\s+over|works\s+at|worked\s+at)\s+"
    r"(?:the\s+)?(?:(?:village|corner|local|only|family)\s+)+(?:shop|pub|post\s+office|bakery|butcher's|butchers"
    r"|garage|café|cafe|chip\s+shop|newsagent's|newsagents|hairdresser's|hairdressers|salon|farm|pharmacy|store)\b",
    re.IGNORECASE,
)
DETERMINER_WORDS = re.compile(r"(?:(?:The|A|An|Our|My|His|Her|Their|This|That|Your)\s+)+")
# Places of work the portfolio names on purpose, not businesses a patient runs.
NOT_A_BUSINESS = re.compile(r"^(?:Community|Wellbeing|Food|Health|NHS|Council|Recovery|Age|Memory)\b")


class SinglingOutRecogniser(Recogniser):
    entities = ("UNIQUE",)

    def find(self, text, doc):
        for pattern, detail in (
            (ROLE_IN_PLACE, "A place has only one person in this role."),
            (ONLY_IN_PLACE, "It describes the only one in a place."),
            (RUNS, "It points to the person who runs one business."),
        ):
            for match in pattern.finditer(text):
                if pattern is ONLY_IN_PLACE and STAFF.search(match.group()):
                    continue  # "the only care coordinator in the practice" is the author or a colleague
                yield result("UNIQUE", *match.span(), 0.6, detail=detail)
        for match in NAMED_BUSINESS.finditer(text):
            start = match.start()
            # "The Bakery" or "Our Garage" names no one business: a determiner is capitalised at a sentence's start.
            leading = DETERMINER_WORDS.match(match.group())
            if leading:
                start += leading.end()
            name = text[start : match.end()]
            if len(name.split()) < 2 or NOT_A_BUSINESS.match(name):
                continue
            yield result("UNIQUE", start, match.end(), 0.6, detail="It names a small business.")
