from django.apps import AppConfig


class PortfoliosConfig(AppConfig):
    name = "coordinated_care.portfolios"
