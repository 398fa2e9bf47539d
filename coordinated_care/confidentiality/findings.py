"""What a scan returns, and the policy that turns a kind of identifier into an action.

The policy lives in one table so that a form, the live check and `scan_pii` can never disagree
about whether something blocks a save."""

from dataclasses import dataclass, field
from enum import StrEnum


class Action(StrEnum):
    BLOCK = "block"  # cannot be saved
    CONFIRM = "confirm"  # saved only once the author declares the person is not a patient, service user or carer
    WARN = "warn"  # advice only


# Stronger actions first: when two findings overlap, the stronger one is kept.
ACTION_RANK = {Action.BLOCK: 3, Action.CONFIRM: 2, Action.WARN: 1}


@dataclass(frozen=True)
class Kind:
    action: Action
    label: str  # a noun phrase for messages: "an NHS number"
    advice: str  # what to do about it, in plain words


KINDS = {
    "NHS_NUMBER": Kind(Action.BLOCK, "an NHS number", "Remove the number. Describe the person by their needs instead."),
    "POSTCODE": Kind(
        Action.BLOCK, "a postcode", "Remove the postcode. If the area matters, say 'a town centre estate'."
    ),
    "PHONE_NUMBER": Kind(Action.BLOCK, "a phone number", "Remove the phone number."),
    "EMAIL_ADDRESS": Kind(Action.BLOCK, "an email address", "Remove the email address."),
    "DATE_OF_BIRTH": Kind(Action.BLOCK, "a date of birth", "Remove the date. If age matters, say 'in her eighties'."),
    "ADDRESS": Kind(Action.BLOCK, "an address", "Remove the address. Say 'lives alone in a first-floor flat' instead."),
    "PERSON": Kind(
        Action.CONFIRM,
        "a person's name",
        "Remove it if this is a patient, service user or carer. If it is a colleague, confirm that below.",
    ),
    "AGE": Kind(Action.WARN, "an exact age", "Consider a range instead, such as 'in his eighties'."),
    "PERSONAL_DATE": Kind(
        Action.WARN,
        "the date of something that happened to a person",
        "A date of an admission, a fall or a death can point to one person. Consider 'in the spring'.",
    ),
    "MRN": Kind(
        Action.BLOCK,
        "a hospital or service record number",
        "Remove the number. A record number points to one patient as surely as their name.",
    ),
    "CONDITION": Kind(
        Action.CONFIRM,
        "a specific medical condition",
        "With a place, an age or a service, a diagnosis can point to one person. Use general wording"
        " unless the diagnosis itself is needed, and confirm below that nobody can be identified.",
    ),
    "UNIQUE": Kind(
        Action.CONFIRM,
        "a detail that picks out one person",
        "Describe the person so that they could be any of many: 'a retired teacher', 'a house in the village'.",
    ),
}

INTERRUPTING = {Action.BLOCK, Action.CONFIRM}


@dataclass(frozen=True)
class Finding:
    start: int  # character offsets into the scanned text, end exclusive
    end: int
    type: str
    score: float
    action: Action
    explanation: str = field(default="", compare=False)
    # General wording the author could use instead, for a condition: "a long-term lung condition".
    suggestion: str = field(default="", compare=False)

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def as_dict(self, with_explanation: bool = False) -> dict:
        data = {
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "action": str(self.action),
            "score": self.score,
        }
        if with_explanation:
            data["explanation"] = self.explanation
        if self.suggestion:
            data["suggestion"] = self.suggestion
        return data


def explain(kind_name: str, action: Action, detail: str = "", suggestion: str = "") -> str:
    kind = KINDS[kind_name]
    if suggestion:
        detail = " ".join(part for part in (detail, f"You could write “{suggestion}” instead.") if part)
    opening = {
        Action.BLOCK: f"This looks like {kind.label}, which cannot be saved in a portfolio.",
        Action.CONFIRM: f"This looks like {kind.label}.",
        Action.WARN: f"This looks like {kind.label}.",
    }[action]
    return " ".join(part for part in (opening, detail, kind.advice) if part)
