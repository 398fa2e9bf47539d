from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "coordinated_care.frameworks"

    def ready(self):
        from .audited import register_audited

        register_audited()
