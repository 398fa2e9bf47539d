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
    "MEDICAL_CONDITION": Kind(
        Action.WARN, "a rare condition", "A rare condition can point to one person. Keep it only if it is needed."
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
        return data


def explain(kind_name: str, action: Action, detail: str = "") -> str:
    kind = KINDS[kind_name]
    opening = {
        Action.BLOCK: f"This looks like {kind.label}, which cannot be saved in a portfolio.",
        Action.CONFIRM: f"This looks like {kind.label}.",
        Action.WARN: f"This looks like {kind.label}.",
    }[action]
    return " ".join(part for part in (opening, detail, kind.advice) if part)
