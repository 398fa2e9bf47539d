from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "coordinated_care.feedback"
    label = "feedback"
    verbose_name = "Feedback"

    def ready(self):
        from coordinated_care.confidentiality.registry import register
        from coordinated_care.portfolios import providers

        from .models import FeedbackResponse, ResponseEvidenceLink
        from .services.progress import document_counts, evidence_counts

        # `scan_existing` re-checks stored answers when the guard learns something new. A member
        # of staff's own name (given_name) is theirs to give, so it is not among them.
        register(FeedbackResponse, ["did_well", "do_differently", "their_role", "input"])
        # What the learner wrote about how a response shows a criterion.
        register(ResponseEvidenceLink, ["how_it_shows"])
        # Responses count in a portfolio's progress: as evidence, and towards the feedback document.
        providers.register_progress(evidence=evidence_counts, documents=document_counts, app_label=self.label)
        # A cohort moved to another version of its programme takes the feedback evidence along (ADR 17).
        from coordinated_care.programmes import providers as programme_providers

        from .services.versions import move_response_links

        programme_providers.register_criteria_mover("feedback", move_response_links)

        # The PD's ongoing-feedback sections list what staff and key people sent by link.
        from .presenters import ongoing_feedback_counts_panel, ongoing_feedback_panel

        providers.register_panel("section", ongoing_feedback_panel)
        providers.register_panel("overview", ongoing_feedback_counts_panel)

        # What it holds of a person: their download, their erasure (accounts.providers, ADR 15).
        from . import personal_data

        personal_data.register_all()
