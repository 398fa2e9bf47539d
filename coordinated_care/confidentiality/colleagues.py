"""Which names may be confirmed as a colleague's, and the role that must come with the confirmation.

A tick alone never saves a name. A writer may name a colleague (a practice nurse, a social
prescriber) if they say what the colleague's role is; the role is kept with the declaration. Some
names cannot be a colleague's whatever the writer ticks, because of how they are written:

- with a title ("Mrs Margaret Thompson", "Mr J. Smith", "Dr Patel"): portfolios write about
  patients, service users and carers this way, and about colleagues by their role;
- next to a word for a patient or the people around one ("the patient, John Smith", "her daughter
  Sarah", "Jean Smith's carer", "John Smith, a service user").

Those names must be removed. The rule reads only the words at the name's edges, so a patient word
elsewhere in the sentence ("I discussed the patient with Sam Patel") does not refuse a colleague."""

import re
from dataclasses import dataclass

TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Doctor",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lady",
    "Lord",
    "Rev",
    "Revd",
    "Reverend",
    "Master",
)
_TITLE = r"(?:" + "|".join(TITLES) + r")"
TITLE_BEFORE = re.compile(r"\b(" + _TITLE + r")\.?\s*$", re.IGNORECASE)
TITLE_INSIDE = re.compile(r"^\s*(" + _TITLE + r")\b\.?\s", re.IGNORECASE)

# Words for a patient and the people around them. "partner", "sister" and "friend" are also words
# for colleagues (a GP partner, a ward sister): they count only after "her", "his", "their"...
_PEOPLE = (
    r"patients?|service[ -]users?|carers?|clients?|residents?|relatives?|next[ -]of[ -]kin|family[ -]members?"
    r"|daughters?|sons|son|wife|wives|husbands?|mothers?|mum|mom|father|dad|brothers?|grandsons?|granddaughters?"
    r"|grandmothers?|grandfathers?|grandma|grandad|granddad|gran|nan|grandchild(?:ren)?|nieces?|nephews?"
    r"|aunt(?:ie)?|uncle|spouse|parents?|child|children|step(?:son|daughter|mother|father)s?|neighbours?|cousins?"
)
_POSSESSIVE = r"(?:her|his|their|my|your|our|whose|the\s+patient's|the\s+patient’s)"
_SHARED = r"partners?|sisters?|friends?"
PATIENT_WORD = r"(?P<word>(?:" + _PEOPLE + r")|" + _POSSESSIVE + r"\s+(?:" + _SHARED + r"))"
# "carer support worker", "patients' lead", "resident doctor": a colleague's job, not a person cared for.
_NOT_A_JOB = (
    r"(?!(?:['’]s|s['’])?\s*(?:lead|support|champion|link|coordinator|co-ordinator|assessor|liaison|worker"
    r"|advis[eo]r|team|services?|group|participation|doctor|physician|engagement|experience))"
)
PATIENT_BEFORE = re.compile(
    r"\b" + PATIENT_WORD + r"(?:['’]s)?\s*[,:;(\-–—]?\s*(?:(?:called|named|is|was|whose\s+name\s+is)\s+)?$",
    re.IGNORECASE,
)
PATIENT_AFTER = re.compile(
    r"^(?:(?:['’]s\s+)|(?:\s*[,(\-–—]?\s*(?:(?:who|is|was)\s+){0,2}(?:(?:a|an|the|our|my|her|his|their)\s+)?))"
    + PATIENT_WORD
    + r"\b"
    + _NOT_A_JOB,
    re.IGNORECASE,
)
PATIENT_ROLE = re.compile(r"^\s*(?:(?:a|an|the|our|my|her|his|their)\s+)?" + PATIENT_WORD + r"\b" + _NOT_A_JOB, re.I)
# How far either side of a name the rule looks: a few words.
WINDOW = 40

TITLE_REASON = (
    "“{name}” is written with a title ({title}), the way a patient, service user or carer is written about, "
    "so it cannot be confirmed as a colleague. Remove the name. Write about a colleague by their role "
    "(“the GP”, “Sam, the practice nurse”) and about a patient, service user or carer without their name."
)
PATIENT_REASON = (
    "“{name}” is next to “{word}”, so it is the name of a patient, service user or carer, or someone close to "
    "them, and cannot be saved. Remove the name and describe the person instead (“her daughter”, “a man in his "
    "seventies”)."
)
PART_OF_REFUSED = (
    "{names} is part of a name that cannot be saved, so it is the same person and cannot be confirmed as a "
    "colleague either. Remove it too."
)
ROLE_MISSING = "Enter the role of {name}, or remove the name if they are a patient, service user or carer"
ROLE_IS_A_PATIENT = (
    "A patient, service user, carer or relative cannot be named. Remove {name} from your writing and describe "
    "them instead"
)


@dataclass(frozen=True)
class Refusal:
    reason: str  # "title" or "patient"
    message: str


def refusal(text: str, start: int, end: int) -> Refusal | None:
    """Why the name at text[start:end] cannot be confirmed as a colleague's, or None if it can be."""
    name = text[start:end]
    before, after = text[max(0, start - WINDOW) : start], text[end : end + WINDOW]
    title = TITLE_INSIDE.match(name) or TITLE_BEFORE.search(before)
    if title:
        shown = name if TITLE_INSIDE.match(name) else f"{title.group(1)} {name}".replace("  ", " ")
        return Refusal("title", TITLE_REASON.format(name=shown.strip(), title=title.group(1)))
    word = PATIENT_BEFORE.search(before) or PATIENT_AFTER.match(after)
    if word:
        return Refusal("patient", PATIENT_REASON.format(name=name.strip(), word=word.group("word")))
    return None


def name_words(name: str) -> list[str]:
    """The words of a name that say who it is: no titles or initials ("Mrs J. Smith" -> ["smith"])."""
    titles = {t.casefold() for t in TITLES}
    words = (w.strip(".,'’").casefold() for w in re.split(r"[\s]+", name))
    return [w for w in words if len(w) > 1 and w not in titles]


def role_problem(name: str, role: str) -> str:
    """What is wrong with the role given for a colleague named `name`, or "" if nothing is."""
    if not role.strip():
        return ROLE_MISSING.format(name=f"“{name}”")
    if PATIENT_ROLE.match(role):
        return ROLE_IS_A_PATIENT.format(name=f"“{name}”")
    return ""
