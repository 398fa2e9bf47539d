from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "coordinated_care.reminders"
    verbose_name = "Reminders and digests"

    def ready(self):
        # What it holds of a person: their choices and the reminders sent them (ADR 15).
        from . import personal_data

        personal_data.register_all()
