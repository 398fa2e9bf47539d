from django.apps import AppConfig


class PortfoliosConfig(AppConfig):
    name = "coordinated_care.portfolios"

    def ready(self):
        # What `scan_existing` re-checks when the confidentiality rules change. An entry's writing
        # is in its JSON `content`, which that command does not read yet: only its title is here.
        from coordinated_care.confidentiality.registry import register

        from .models import Entry, EvidenceLink

        register(Entry, ["title"])
        register(EvidenceLink, ["how_it_shows"])
