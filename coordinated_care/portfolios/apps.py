from django.apps import AppConfig


class PortfoliosConfig(AppConfig):
    name = "coordinated_care.portfolios"

    def ready(self):
        from coordinated_care.confidentiality.registry import register
        from coordinated_care.programmes import providers

        from . import audited
        from .models import Attachment, Draft, Entry, EntryVersion, EvidenceLink
        from .progress import progress_counts

        # What `scan_existing` re-checks when the confidentiality rules change; it walks the JSON
        # `content` of an entry part by part.
        register(Entry, ["title", "content"])
        # Every earlier version keeps what it held, whatever the entry says now.
        register(EntryVersion, ["title", "content"])
        register(EvidenceLink, ["how_it_shows"])
        # What `scan_existing --redact-blocking` may remove a blocking finding from (ADR 12): each
        # is redacted from the whole entry, its versions and its history.
        from functools import partial

        from coordinated_care.confidentiality import redactors

        from .redaction import redact_record

        for model in (Entry, EntryVersion, EvidenceLink):
            redactors.register(model, partial(redact_record, model._meta.label))
        # A server draft holds writing never saved (purge_drafts forgets it after PORTFOLIO_DRAFT_DAYS);
        # an upload's name is typed by its author as much as its text.
        register(Draft, ["data"])
        register(Attachment, ["original_name"])
        audited.register_models()
        # The cohort page and the supporters' home pages count progress by the portfolio's rules.
        providers.register_progress_counter(progress_counts)
        # A cohort moved to another version of its programme takes the evidence links along (ADR 17).
        from .versions import move_evidence_links

        providers.register_criteria_mover("portfolios", move_evidence_links)
        # Every change to a portfolio marks its stored progress facts for a new count.
        from . import facts

        facts.connect()

        # What it holds of a person: their download, their erasure (accounts.providers, ADR 15).
        from . import personal_data

        personal_data.register_all()
