from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "coordinated_care.programmes"
    verbose_name = "Programmes and cohorts"

    def ready(self):
        from . import audited

        audited.register_models()
        audited.register_audit_readers()

        # What it holds of a person: their download, their erasure (accounts.providers, ADR 12).
        from . import personal_data

        personal_data.register_all()
