from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "coordinated_care.frameworks"
