from django.apps import AppConfig


class PortfoliosConfig(AppConfig):
    name = "coordinated_care.portfolios"

    def ready(self):
        # What `scan_existing` re-checks when the confidentiality rules change; it walks the JSON
        # `content` of an entry part by part.
        from coordinated_care.confidentiality.registry import register

        from .models import Entry, EvidenceLink

        register(Entry, ["title", "content"])
        register(EvidenceLink, ["how_it_shows"])
