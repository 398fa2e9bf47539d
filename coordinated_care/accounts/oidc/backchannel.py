"""OpenID Connect Back-Channel Logout 1.0 (https://openid.net/specs/openid-connect-backchannel-1_0.html):
the provider tells the service that a person signed out there, with a logout token it signed, and
the service ends their sessions here. Sessions are found through SignedInSession, noted at each
sign-in (Django's sessions cannot be searched by person)."""

import time
from importlib import import_module

import jwt
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from coordinated_care.accounts.models import SignedInSession

LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"
# The provider's session, noted by the callback and written with the session once signed in.
PENDING_SID_SESSION_KEY = "oidc_pending_sid"
# Signatures a provider may use; never "none" or a shared-secret HMAC.
ALGORITHMS = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}
LEEWAY_SECONDS = 60
MAX_AGE_SECONDS = 600


class InvalidLogoutToken(Exception):
    pass


def verify(adapter, app, token):
    """The logout token's claims once its signature, issuer, audience, age, event and one-time use
    are checked (section 2.6 of the specification); InvalidLogoutToken otherwise."""
    if not token:
        raise InvalidLogoutToken("no logout_token")
    try:
        config = adapter.openid_config
        algorithm, key = jwtkit.fetch_key(token, config["jwks_uri"], jwtkit.lookup_kid_jwk)
        if algorithm not in ALGORITHMS:
            raise InvalidLogoutToken(f"algorithm {algorithm!r}")
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=app.client_id,
            issuer=config["issuer"],
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "aud", "iat", "jti", "events"]},
        )
    except (jwt.PyJWTError, OAuth2Error, KeyError, ValueError) as error:
        raise InvalidLogoutToken(str(error)) from error
    events = claims.get("events")
    if not isinstance(events, dict) or not isinstance(events.get(LOGOUT_EVENT), dict):
        raise InvalidLogoutToken("not a logout event")
    if "nonce" in claims:
        raise InvalidLogoutToken("a logout token carries no nonce")
    if not claims.get("sub") and not claims.get("sid"):
        raise InvalidLogoutToken("names neither sub nor sid")
    if claims["iat"] < time.time() - MAX_AGE_SECONDS:
        raise InvalidLogoutToken("too old")
    # Each token is honoured once: a replayed one is refused.
    if not cache.add(f"oidc-logout-jti:{claims['iss']}:{claims['jti']}", True, timeout=MAX_AGE_SECONDS * 2):
        raise InvalidLogoutToken("already used")
    return claims


def end_sessions(adapter, app, token):
    """End every session here that the logout token names: the one the provider's session (sid)
    opened, or, with only a subject, every session of that person. Returns how many ended."""
    claims = verify(adapter, app, token)
    provider_id = adapter.get_provider().sub_id
    sessions = SignedInSession.objects.all()
    if claims.get("sub"):
        users = SocialAccount.objects.filter(provider=provider_id, uid=claims["sub"]).values("user_id")
        sessions = sessions.filter(user__in=users)
    if claims.get("sid"):
        sessions = sessions.filter(provider_id=provider_id, provider_sid=claims["sid"])
    return end(sessions)


@transaction.atomic
def end(sessions):
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(sessions.select_for_update().values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    SignedInSession.objects.filter(session_key__in=keys).delete()
    return len(keys)
