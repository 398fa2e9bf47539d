from django.apps import AppConfig


class ConfidentialityConfig(AppConfig):
    name = "coordinated_care.confidentiality"
    verbose_name = "Confidentiality guard"
