from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "coordinated_care.reports"
    verbose_name = "Reports"
