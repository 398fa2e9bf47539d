from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "coordinated_care.assessments"
    verbose_name = "Assessment and sign-off"

    def ready(self):
        # E-mails the facilitator when evidence is linked to a criterion waiting for them.
        from .services import notifications  # noqa: F401
