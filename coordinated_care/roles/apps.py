from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "coordinated_care.roles"
    verbose_name = "Role profiles"
