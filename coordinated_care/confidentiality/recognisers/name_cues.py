"""The words around a name that tell a person from an ordinary word: titles, the nouns that introduce
a person ("her son, ..."), the verbs people do ("... said"), and the heads that make a capitalised
word part of an organisation or a place ("... Hospital")."""

import re
from functools import cache

TITLES = frozenset(
    "mr mrs ms miss mx dr doctor prof professor sir dame lady lord rev revd reverend master madam".split()
)
# A lower-case title still introduces a name ("mrs hussain"); "miss" and "doctor" are also verbs and
# nouns, so they only count before a word that cannot be ordinary English.
LOWER_TITLES = frozenset("mr mrs ms mx dr".split())

PERSON_NOUNS = frozenset(
    """son daughter wife husband partner mother mum mom mam father dad brother sister grandson granddaughter
    grandmother grandfather grandma grandad granddad nan nana nanna gran grandchild grandchildren aunt auntie
    uncle niece nephew cousin stepson stepdaughter stepmother stepfather carer patient neighbour friend gentleman
    lady man woman boy girl client colleague nurse pharmacist manager coordinator prescriber facilitator supervisor
    mentor associate assistant worker coach matron receptionist doctor gp physio physiotherapist therapist
    consultant administrator lead officer adviser advisor volunteer tenant resident fiance fiancee boyfriend
    girlfriend child baby twin sibling student chaplain paramedic midwife visitor befriender interpreter
    landlord landlady sibling parent guardian caregiver""".split()
)
RELATIONS = PERSON_NOUNS | frozenset("family relatives friends household".split())
NAME_INTRODUCERS = frozenset("called named name nicknamed".split())

PERSON_VERBS = frozenset(
    """said says told tells asked asks rang rings phoned phones called calls explained explains agreed agrees
    mentioned mentions wanted wants felt feels cried cries laughed laughs smiled smiles replied replies refused
    refuses declined declines brought brings came comes visited visits attended attends lives lived moved moves
    struggled struggles worried worries shared shares arrived arrives died thanked thanks admitted admits
    needs needed became becomes walked walks sat sits spoke speaks looked looks seemed seems decided decides
    chose chooses went goes stayed stays cares cared described describes told texted emailed messaged reported
    reports confided confides insisted insists disclosed discloses answered answers""".split()
)
CONTACT_VERBS = frozenset(
    """rang phoned called visited met saw supported helped contacted told asked emailed texted messaged reassured
    advised referred introduced accompanied encouraged thanked reminded rung phone call visit meet see support
    help contact tell ask email text ring""".split()
)
CONTACT_LINKS = frozenset("to with back".split())
PERSON_STATES = frozenset(
    """worried upset anxious frightened scared angry keen reluctant unable able admitted discharged referred
    struggling tearful distressed lonely confused pleased happy relieved grateful adamant unhappy frustrated
    waiting living caring diagnosed""".split()
)
PLACE_PREPOSITIONS = frozenset("in at from near around across outside inside towards via into".split())

ORG_HEADS = frozenset(
    """hospital hospitals hospice surgery practice centre center clinic society trust foundation church chapel
    mosque gurdwara temple mandir house court road street lane avenue close drive way park school college
    university academy council ward unit team service services group groups network partnership association
    charity project programme scheme hub cafe café club fund award day building hall library pharmacy medical
    health care home homes lodge gardens village estate limited ltd nhs uk model cycle framework theory
    hierarchy syndrome disease scale test method approach act law bank foodbank appeal campaign alliance
    institute hospitals' nurses""".split()
)

# Medicine names are capitalised, unfamiliar and not in the dictionary, just like a rare surname: their
# generic-name stems tell them apart ("Oramorph", "Sitagliptin", "Amlodipine").
MEDICINE = re.compile(
    r"(?:pril|olol|statin|formin|dipine|sartan|azole|cillin|mycin|oxacin|prazole|tidine|gliptin|gliflozin|parin"
    r"|xaban|gatran|morph|orphine|adone|azepam|zolam|triptyline|oxetine|traline|semide|thiazide|olone|isone|caine"
    r"|profen|deine|amol|adol|tropium|terol|sonide|asone|tinib|umab|imab|zumab|pramine|apine|idone|lamide"
    r"|pentin|gabalin|iramate|tiracetam|trigine|lukast|fenac|oxin|ximab|glutide|tide)$"
)
# Words after a person's name that make the phrase a document, a rule, a model or a product.
EPONYM_HEADS = frozenset(
    """report review principles principle guidelines guidance competence competency ruling inquiry stocktake
    test criteria scale score model cycle framework theory hierarchy syndrome disease device speaker app
    community hub pantry programme method approach""".split()
)
MONTHS_AND_DAYS = frozenset(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split()
)
NAME_PARTICLES = frozenset("van von de da del della der di du le la al el bin bint ibn ben ap st".split())
SENTENCE_BREAKS = frozenset(list('.!?:;"“”()[]•–—') + ["\n", "...", "…"])


@cache
def english_words(nlp) -> frozenset[str]:
    """Every lemma in the model's own lemmatiser tables: an English dictionary that ships with the
    model, so nothing else is downloaded. Some given names appear in it ("john" is also a noun), which
    is why a name in our lexicon is checked before this."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    words = set(nlp.Defaults.stop_words)
    index = lookups.get_table("lemma_index")
    for pos in ("noun", "verb", "adj", "adv"):
        words.update(index.get(pos, []))
    exceptions = lookups.get_table("lemma_exc")
    for pos in ("noun", "verb", "adj", "adv"):
        for form in exceptions.get(pos, {}):
            words.add(form)
    return frozenset(w for w in words if w.isalpha() or "-" in w or "'" in w)


SUFFIXES = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
    ("er", ""),
    ("r", ""),
    ("est", ""),
    ("ness", ""),
    ("ment", ""),
    ("ful", ""),
    ("less", ""),
    ("ist", ""),
    ("ism", ""),
    ("ation", "e"),
    ("ation", ""),
    ("al", ""),
    ("ity", ""),
    ("ive", "e"),
)
# Brand names have a capital inside ("WhatsApp", "SystmOne"); surnames with one keep to known prefixes.
SURNAME_PREFIX = re.compile(r"^(?:mc|mac|o'|d'|de|di|da|du|la|le|van|von|st|fitz|al-|el-)", re.IGNORECASE)


def is_brand_shaped(word: str) -> bool:
    inner_capital = any(ch.isupper() for ch in word[1:]) and not word.isupper()
    return inner_capital and "-" not in word and not SURNAME_PREFIX.match(word)


def is_english(word: str, dictionary: frozenset[str], depth: int = 2) -> bool:
    if word in dictionary:
        return True
    if "-" in word:
        return all(is_english(part, dictionary) for part in word.split("-") if part)
    if depth == 0:
        return False
    for suffix, replacement in SUFFIXES:
        stem = word[: -len(suffix)] + replacement
        if word.endswith(suffix) and len(stem) >= 3:
            if is_english(stem, dictionary, depth - 1):
                return True
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in dictionary:
                return True
    return False
