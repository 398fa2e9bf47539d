from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coordinated_care.accounts"
    verbose_name = "Accounts and organisations"

    def ready(self):
        from . import personal_data, signals  # noqa: F401

        # What the account holds of a person, and the retention of sessions and idle accounts (ADR 15).
        personal_data.register_all()
