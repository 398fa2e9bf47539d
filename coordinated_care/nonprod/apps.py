from django.apps import AppConfig


class NonprodConfig(AppConfig):
    """Demo data and other things that must never be installed in production."""

    name = "coordinated_care.nonprod"
    verbose_name = "Demo data"
