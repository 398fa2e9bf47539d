from django.apps import AppConfig


class HomesConfig(AppConfig):
    """The home page of each role: what every app has for that person, gathered on one page."""

    name = "coordinated_care.homes"
    verbose_name = "Home pages"
