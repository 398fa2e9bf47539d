from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "coordinated_care.programmes"
    verbose_name = "Programmes and cohorts"
