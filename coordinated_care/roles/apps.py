from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "coordinated_care.roles"
    verbose_name = "Role profiles"

    def ready(self):
        # What it holds of a person: their download, their erasure (accounts.providers, ADR 12).
        from . import personal_data

        personal_data.register_all()
