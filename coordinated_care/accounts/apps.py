from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coordinated_care.accounts"
    verbose_name = "Accounts and organisations"
