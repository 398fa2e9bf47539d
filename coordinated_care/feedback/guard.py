"""The confidentiality guard (coordinated_care/confidentiality), worded for a member of the public.

The guard's own policy decides what blocks and what needs confirming; this module only says it in
words a patient or a carer would use, and lets the care coordinator's own name through, since it is
the name the form is about. The guard is a required app: there is no fallback that checks nothing."""

from dataclasses import dataclass, field

from coordinated_care.confidentiality import colleagues
from coordinated_care.confidentiality.findings import KINDS, Action
from coordinated_care.confidentiality.service import scan

PUBLIC_BLOCK = (
    "Please take out {what}. Don't include names, addresses, dates of birth or other details that could identify you "
    "or anyone else."
)
PUBLIC_NOT_STAFF = "Please take out the name “{names}”. Don't include the names of patients, carers or their families."
PUBLIC_NAME = (
    "This looks like a name: “{names}”. If it is the name of someone who is not staff, please take it out. "
    "If it is a member of staff's name, tick the box to say so."
)


@dataclass
class Check:
    blocked: list = field(default_factory=list)  # labels such as "a phone number"
    names: list = field(default_factory=list)  # the words that look like a person's name
    # Names next to a word such as "my daughter" or "the patient": never a member of staff's, so no
    # tick lets them through (confidentiality/colleagues.py).
    not_staff: list = field(default_factory=list)

    @property
    def clean(self):
        return not self.blocked and not self.names and not self.not_staff


def check(text, *, allowed_names=()):
    result = Check()
    if not text.strip():
        return result
    allowed = {n.strip().lower() for n in allowed_names if n.strip()}
    for finding in scan(text):
        words = finding.text_in(text)
        if finding.action == Action.BLOCK:
            label = KINDS[finding.type].label
            if label not in result.blocked:
                result.blocked.append(label)
        elif finding.action == Action.CONFIRM and words.strip().lower() not in allowed:
            if finding.type != "PERSON":
                continue  # a condition or a singling-out detail: the public form's hint covers them
            refusal = colleagues.refusal(text, finding.start, finding.end)
            if refusal and refusal.reason == "patient":
                result.not_staff.append(words)
            else:
                result.names.append(words)
    return result


def block_message(check_result):
    what = " and ".join(check_result.blocked)
    return PUBLIC_BLOCK.format(what=what)


def not_staff_message(check_result):
    return PUBLIC_NOT_STAFF.format(names="”, “".join(check_result.not_staff))


def name_message(check_result):
    return PUBLIC_NAME.format(names="”, “".join(check_result.names))
