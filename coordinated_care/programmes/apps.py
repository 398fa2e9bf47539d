from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "coordinated_care.programmes"
    verbose_name = "Programmes and cohorts"

    def ready(self):
        from . import audited

        audited.register_models()
        audited.register_audit_readers()
