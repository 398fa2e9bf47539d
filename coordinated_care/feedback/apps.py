from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "coordinated_care.feedback"
    label = "feedback"
    verbose_name = "Feedback"

    def ready(self):
        from coordinated_care.confidentiality.registry import register

        from .models import FeedbackResponse

        # `scan_existing` re-checks stored answers when the guard learns something new. A member
        # of staff's own name (given_name) is theirs to give, so it is not among them.
        register(FeedbackResponse, ["did_well", "do_differently", "their_role", "input"])
