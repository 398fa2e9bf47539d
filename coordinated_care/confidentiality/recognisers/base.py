"""What our recognisers have in common: Presidio's recogniser interface, and a result that can carry
its own action (an ADDRESS that is only a street name warns instead of blocking) and a plain-English
reason that the form and the live check show the author."""

from presidio_analyzer import LocalRecognizer, RecognizerResult


class Recogniser(LocalRecognizer):
    entities: tuple[str, ...] = ()

    def __init__(self):
        super().__init__(supported_entities=list(self.entities), supported_language="en")

    def load(self) -> None:
        """Nothing to load: word lists are read lazily by `lexicon` and the model by the NLP engine."""

    def analyze(self, text, entities, nlp_artifacts=None):
        return list(self.find(text, nlp_artifacts.tokens if nlp_artifacts else None))

    def find(self, text, doc):
        raise NotImplementedError


def result(entity_type, start, end, score, *, detail="", action=None, suggestion="") -> RecognizerResult:
    metadata = {"detail": detail, "suggestion": suggestion}
    if action is not None:
        metadata["action"] = action
    return RecognizerResult(entity_type, start, end, score, recognition_metadata=metadata)
