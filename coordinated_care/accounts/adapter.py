from allauth.account.adapter import DefaultAccountAdapter

from coordinated_care.core import outbox
from coordinated_care.core.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are made by administrators and programme leads for the people they enrol.
        return False

    def send_mail(self, template_prefix, email, context):
        # Through the task queue like every other e-mail, so that a slow mail server never holds up
        # the sign-in pages, and through the outbox, so that a queue that is down never fails them
        # (ADR 11). allauth's messages are plain text: its HTML templates are not used.
        message = self.render_mail(template_prefix, email, context)
        outbox.enqueue(send_email, to=list(message.to), subject=message.subject, body=message.body)
