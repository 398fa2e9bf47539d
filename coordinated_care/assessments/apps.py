from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "coordinated_care.assessments"
    verbose_name = "Assessment and sign-off"

    def ready(self):
        from coordinated_care.confidentiality.registry import register
        from coordinated_care.portfolios import providers

        from . import audited
        from .presenters import panels
        from .services import record_look
        from .services.progress import criterion_outcomes_of, review_documents

        audited.register_models()
        # What `scan_existing` re-checks: what learners, facilitators and signers wrote.
        from .models import AgreedAction, Assessment, Review, SignatureWithdrawal, SignOffRequest

        register(SignOffRequest, ["note"])
        register(Assessment, ["comments", "reflection"])
        register(AgreedAction, ["title"])
        register(Review, ["content"])
        register(SignatureWithdrawal, ["reason"])
        from .models import RecordComment, ShortfallReflection

        register(RecordComment, ["comments"])
        register(ShortfallReflection, ["reflection"])
        # What the portfolio shows of its assessment: outcomes and signed reviews in its progress,
        # the completion and sign-off panels, and the facilitator's last look at it.
        providers.register_progress(outcomes=criterion_outcomes_of, documents=review_documents, app_label=self.label)
        providers.register_panel("overview", panels.overview_panel)
        providers.register_panel("criterion", panels.criterion_page_panel)
        providers.register_panel("entry", panels.entry_page_panel)
        providers.register_panel("criterion", panels.reflection_page_panel)
        providers.register_look(record_look)
        # Sign-off begun keeps a cohort on its programme version (ADR 17).
        from coordinated_care.programmes import providers as programme_providers

        from .services.versions import sign_offs_keep_cohort

        programme_providers.register_move_check("assessments", sign_offs_keep_cohort)
        # A patient identifier removed from an entry goes from the titles signed evidence keeps.
        from .services.redaction import redact_signed_titles

        providers.register_redaction(redact_signed_titles)
        # What it holds of a person: their download, their erasure (accounts.providers, ADR 15).
        from . import personal_data

        # E-mails the facilitator when evidence is linked to a criterion waiting for them.
        from .services import notifications  # noqa: F401

        personal_data.register_all()
