from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "coordinated_care.programmes"
    verbose_name = "Programmes and cohorts"

    def ready(self):
        from coordinated_care.confidentiality.registry import register

        from . import audited
        from .models import AccreditedTraining, Cohort, Workshop

        # What `scan_existing` re-checks: what people type into the cohort, workshop and training forms.
        register(Cohort, ["name"])
        register(Workshop, ["theme", "location"])
        register(AccreditedTraining, ["provider"])

        audited.register_models()
        audited.register_audit_readers()

        # What it holds of a person: their download, their erasure (accounts.providers, ADR 15).
        from . import personal_data

        personal_data.register_all()
