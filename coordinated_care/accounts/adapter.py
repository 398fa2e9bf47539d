from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from coordinated_care.core import outbox
from coordinated_care.core.ratelimit import client_address
from coordinated_care.core.tasks import send_email

from . import second_factor


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are made by administrators and programme leads for the people they enrol.
        return False

    def get_client_ip(self, request):
        # allauth's sign-in limits per address count the visitor behind the load balancers as our
        # own limits do (TRUSTED_PROXY_COUNT): one rule for who the visitor is.
        return client_address(request)

    def send_mail(self, template_prefix, email, context):
        # Through the task queue like every other e-mail, so that a slow mail server never holds up
        # the sign-in pages, and through the outbox, so that a queue that is down never fails them
        # (ADR 14). allauth's messages are plain text: its HTML templates are not used.
        message = self.render_mail(template_prefix, email, context)
        outbox.enqueue(send_email, to=list(message.to), subject=message.subject, body=message.body)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """A person who must sign in with two factors keeps at least one: the last authenticator app
        or passkey can be replaced (add the new one first) but not removed."""
        if authenticator.type not in second_factor.SIGN_IN_FACTORS:
            return True
        if not second_factor.required_for(authenticator.user):
            return True
        others = Authenticator.objects.filter(user=authenticator.user, type__in=second_factor.SIGN_IN_FACTORS)
        return others.exclude(pk=authenticator.pk).exists()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        # An organisation's provider signs in people who have an account here; it never makes one.
        return False

    def authenticate_by_email(self, sociallogin):
        """The first sign-in through an organisation's provider joins the account whose owner has
        confirmed the same address here, and only that one: an address someone added but never
        confirmed joins nothing (allauth would also take an unconfirmed match)."""
        for address in sociallogin.email_addresses:
            if not address.verified or not self.can_authenticate_by_email(sociallogin, address.email):
                continue
            confirmed = EmailAddress.objects.filter(email__iexact=address.email, verified=True).select_related("user")
            match = confirmed.first()
            if match is not None:
                return match.user, match.email
        return None
