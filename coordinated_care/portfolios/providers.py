"""What the apps above portfolios add to a portfolio, without portfolios importing them (ADR 10).

Some of what a portfolio's progress and pages show belongs to apps that depend on portfolios: the
assessment app decides where a criterion's sign-off stands and whether a review is fully signed,
shows the sign-off and completion panels, and remembers when the assigned facilitator last looked;
the feedback app holds responses that count as evidence and towards the feedback document. Each
registers what it provides in its AppConfig.ready():

    from coordinated_care.portfolios import providers

    providers.register_progress(outcomes=criterion_outcomes_of, documents=review_documents, app_label=self.label)
    providers.register_panel("criterion", sign_off_panel)
    providers.register_look(record_look)
    providers.register_redaction(redact_signed_titles)

Registering the same provider twice registers it once. Providers run in the order they were
registered (the order of INSTALLED_APPS).
"""

from collections.abc import Callable
from dataclasses import dataclass

PAGES = ("overview", "criterion", "entry", "section")


@dataclass(frozen=True)
class ProgressProvider:
    """Facts for `progress.progress_counts`, for many portfolios at once, each in a fixed number of
    queries however much there is. Any of them may be left out."""

    # enrolment ids -> {(enrolment id, criterion id): how many items are linked to it as evidence},
    # counted beside the entries linked to it.
    evidence: Callable | None = None
    # enrolment ids -> {(enrolment id, criterion id): status}, for the criteria that have one
    # ("awaiting", "achieved", "development_need", "reflection_accepted", "changed").
    outcomes: Callable | None = None
    # (enrolment ids, programme ids) -> {(enrolment id, RequiredDocument kind): (count, started)},
    # counted beside the entries that count towards the document.
    documents: Callable | None = None
    # The app whose models the facts come from: a change to any of them marks the progress facts
    # stored for the enrolment it belongs to as needing a new count (portfolios.facts).
    app_label: str = ""


_progress: list[ProgressProvider] = []
_panels: dict[str, list[Callable]] = {page: [] for page in PAGES}
_looks: list[Callable] = []
_redactions: list[Callable] = []


def register_progress(*, evidence=None, outcomes=None, documents=None, app_label="") -> ProgressProvider:
    provider = ProgressProvider(evidence=evidence, outcomes=outcomes, documents=documents, app_label=app_label)
    if provider not in _progress:
        _progress.append(provider)
    return provider


def register_panel(page, provider) -> None:
    """`provider(user, enrolment, context)` gives what to add to the context of `page` ("overview",
    "criterion", "entry" or "section": a section's list of entries), once the portfolio's own part
    of it is there."""
    if page not in _panels:
        raise ValueError(f"No page {page!r} takes panels: {', '.join(PAGES)}")
    if provider not in _panels[page]:
        _panels[page].append(provider)


def register_look(provider) -> None:
    """`provider(user, enrolment)` is told whenever someone reads the portfolio's overview, one of
    its criteria or one of its entries."""
    if provider not in _looks:
        _looks.append(provider)


def progress_providers() -> tuple[ProgressProvider, ...]:
    return tuple(_progress)


def panels(page, user, enrolment, context) -> dict:
    added = {}
    for provider in _panels[page]:
        added.update(provider(user, enrolment, context))
    return added


def looked_at(user, enrolment) -> None:
    for provider in _looks:
        provider(user, enrolment)


def register_redaction(provider) -> None:
    """`provider(entry, replace)` is told when an identifier is removed from an entry (ADR 12), in
    the redaction's transaction, to rewrite its own copies of the entry's text with `replace` (a
    function of a string) without recording them again in the audit trail."""
    if provider not in _redactions:
        _redactions.append(provider)


def redacted(entry, replace) -> None:
    for provider in _redactions:
        provider(entry, replace)
