"""What is noted in the session when a person signs in or changes their second factors."""

import time

from allauth.account.signals import password_reset
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from . import second_factor, services
from .middleware import LAST_SEEN_AT, SIGNED_IN_AT
from .models import SignedInSession
from .oidc.backchannel import PENDING_SID_SESSION_KEY


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def signed_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[SIGNED_IN_AT] = request.session[LAST_SEEN_AT] = time.time()
    second_factor.remember(request, user)
    provider_id, sid = request.session.pop(PENDING_SID_SESSION_KEY, None) or ("", "")
    if request.session.session_key is None:
        request.session.save()
    SignedInSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "provider_id": provider_id or "", "provider_sid": sid or ""},
    )


@receiver(user_logged_out, dispatch_uid="accounts.signed_out")
def signed_out(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        SignedInSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(authenticator_added, dispatch_uid="accounts.authenticator_added")
@receiver(authenticator_removed, dispatch_uid="accounts.authenticator_removed")
def second_factors_changed(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        second_factor.remember(request, user)


@receiver(password_reset, dispatch_uid="accounts.password_reset")
def password_set_through_the_link(sender, request, user, **kwargs):
    services.confirm_address_by_reset(user)
