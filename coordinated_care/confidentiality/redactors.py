"""Who can remove a blocking finding from stored text, for `scan_existing --redact-blocking`
(ADR 12). The guard knows no app (ADR 10): an app whose registered text can be redacted registers
how, in its AppConfig.ready():

    from coordinated_care.confidentiality import redactors
    redactors.register(Entry, redact_entry_texts)  # (pk, texts, *, reason) -> how many removed

The redactor replaces each text wherever the app keeps copies of it (versions, history) and
records the redaction; the command only says which texts of which row."""

from collections.abc import Callable

_redactors: dict[str, Callable] = {}


def register(model, redactor) -> None:
    _redactors[model._meta.label] = redactor


def redactor_for(model) -> Callable | None:
    return _redactors.get(model._meta.label)
