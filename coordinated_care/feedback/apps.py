from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "coordinated_care.feedback"
    label = "feedback"
    verbose_name = "Feedback"
