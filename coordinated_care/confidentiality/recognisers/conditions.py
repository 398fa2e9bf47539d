"""Rare conditions (warn). Common long-term conditions (diabetes, COPD, dementia) are the language
of every case study and are not reported: only a condition rare enough to point to one person."""

from coordinated_care.confidentiality import lexicon

from .base import Recogniser, result


class RareConditionRecogniser(Recogniser):
    entities = ("MEDICAL_CONDITION",)

    def find(self, text, doc):
        text = lexicon.same_length_apostrophes(text)
        for pattern in lexicon.rare_conditions():
            for match in pattern.finditer(text):
                yield result("MEDICAL_CONDITION", *match.span(), 0.7)
