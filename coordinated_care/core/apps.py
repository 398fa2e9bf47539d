from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coordinated_care.core"
