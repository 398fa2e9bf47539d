"""Specific medical conditions (confirm), with general wording to use instead.

The PD forbids "specific medical conditions": with a practice, an age or a service, "type 2 diabetes,
COPD and early onset Alzheimer's disease" points to one person. The terms are the names writers use
for the diagnoses of ICD-10-CM (`lexicon/conditions.tsv`, built by scripts/build_condition_lexicon.py).
General wording is left alone ("long-term conditions", "memory problems", "diabetes"), and so is a
condition that names a service, a charity or a population rather than a person ("the COPD clinic",
"the MS Society", "people with Parkinson's")."""

import re

from coordinated_care.confidentiality import lexicon

from .base import Recogniser, result

TOKEN = re.compile(r"[^\W_](?:[\w'’+/-]*[\w+])?")
# A word after the condition that makes it a service, an organisation or a topic: "the COPD clinic".
NOT_A_PERSON_AFTER = frozenset(
    """clinic clinics register registers nurse nurses team teams service services pathway pathways programme
    programmes society uk association awareness charity charities specialist specialists education course
    courses group groups review reviews champion champions research trust foundation cafe café network
    network's forum week month day campaign screening hub unit ward centre center lead leads guidance
    guidelines template templates audit audits prevalence management alliance care""".split()
)
# Words that make the next condition a population: "people with COPD", "patients living with MS".
POPULATION = re.compile(
    r"\b(?:people|patients|adults|children|men|women|those|anyone|everyone|many|residents|carers|families)"
    r"(?:\s+(?:who\s+are\s+)?(?:living|diagnosed|affected))?\s+(?:with|by)\s+(?:[\w'’-]+,?\s+(?:or|and)?\s*){0,3}$"
    r"|\b(?:conditions|diseases|illnesses)\s+(?:such\s+as|like|including)\s+(?:[\w'’-]+,?\s+(?:or|and)?\s*){0,4}$",
    re.IGNORECASE,
)
# "MS Teams", "MS Word": Microsoft, not multiple sclerosis.
NOT_AFTER_ABBREVIATION = frozenset("teams word excel office forms outlook access powerpoint onedrive".split())
VERB_OBJECTS = frozenset("the his her their a an my your our its".split())


class ConditionRecogniser(Recogniser):
    entities = ("CONDITION",)

    def find(self, text, doc):
        index = lexicon.conditions()
        # A charity named after a condition ("Asthma + Lung UK"); an allowed phrase that is only the
        # condition ("Parkinson's", there so that it is never a surname) does not count.
        charities = [m.span() for m in lexicon.allowed_phrases().finditer(lexicon.same_length_apostrophes(text))]
        tokens = list(TOKEN.finditer(text))
        folded = [lexicon.fold(t.group()) for t in tokens]
        i = 0
        while i < len(tokens):
            match = self._match_at(i, tokens, folded, index)
            if match is None:
                i += 1
                continue
            last, condition = match
            start, end = tokens[i].start(), tokens[last].end()
            in_charity = any(s <= start and end <= e and e - s > end - start for s, e in charities)
            if not in_charity and self._names_a_person(text, tokens, folded, i, last, condition):
                yield result(
                    "CONDITION",
                    start,
                    end,
                    0.7,
                    detail="A diagnosis can point to one person.",
                    suggestion=condition.suggestion,
                )
            i = last + 1

    def _match_at(self, i, tokens, folded, index):
        abbreviation = index.abbreviations.get(tokens[i].group().rstrip("'’"))
        for words, condition in index.by_first_word.get(folded[i], ()):
            n = len(words)
            here = folded[i : i + n]
            # The last word may be a plural: "two heart attacks", "migraines".
            if len(here) == n and tuple(here[:-1]) == words[:-1] and here[-1] in (words[-1], words[-1] + "s"):
                if self._contiguous(tokens, i, i + n - 1):
                    return i + n - 1, condition
        if abbreviation is not None:
            return i, abbreviation
        return None

    @staticmethod
    def _contiguous(tokens, first, last) -> bool:
        """Words of one term are separated by spaces only, not by a full stop or a comma."""
        text = tokens[first].string
        return all(not text[tokens[k].end() : tokens[k + 1].start()].strip() for k in range(first, last))

    def _names_a_person(self, text, tokens, folded, first, last, condition) -> bool:
        following = folded[last + 1].removesuffix("'s") if last + 1 < len(tokens) else ""
        gap_after = text[tokens[last].end() : tokens[last + 1].start()] if last + 1 < len(tokens) else ""
        if following in NOT_A_PERSON_AFTER and not gap_after.strip():
            return False
        if len(condition.term) <= 4 and following in NOT_AFTER_ABBREVIATION:
            return False
        if folded[first] == "stroke" and last == first and following in VERB_OBJECTS | {"of"} and not gap_after.strip():
            return False  # "to stroke the dog", "a stroke of luck"
        return POPULATION.search(text, max(0, tokens[first].start() - 80), tokens[first].start()) is None
