"""Session rules that hold on every page: how long a session lasts, and the second factor."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from . import second_factor

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
# The idle clock is written to the session at most this often, not on every request.
LAST_SEEN_RESOLUTION = 60


class SessionLifetimeMiddleware:
    """A session ends SESSION_IDLE_MINUTES after its last request and SESSION_MAX_HOURS after the
    person signed in, whichever is sooner; the next request is then as someone signed out (sent to
    sign in). The clocks are in the session, so every application process agrees on them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = request.session.get(LAST_SEEN_AT, signed_in_at)
            idle = now - last_seen_at > settings.SESSION_IDLE_MINUTES * 60
            too_old = now - signed_in_at > settings.SESSION_MAX_HOURS * 3600
            if idle or too_old:
                logout(request)
            elif now - last_seen_at >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)


def _allowed_before_second_factor(path):
    """What a person who must add a second factor may still reach: the pages that add one, signing
    out, confirming their address (allauth asks for a verified one first) and static files."""
    prefixes = (
        "/accounts/2fa/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/accounts/confirm-email/",
        "/accounts/email/",
        settings.STATIC_URL,
        "/healthz",
    )
    return path.startswith(prefixes)


class SecondFactorRequiredMiddleware:
    """A person whose roles need a second factor and who has none is sent to add one before
    anything else; the Django admin is open only to a session opened with two factors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            if second_factor.missing(request) and not _allowed_before_second_factor(request.path):
                # Asked again of the database (one query, only while one is missing): they may have
                # just added one.
                second_factor.remember(request, request.user)
                if second_factor.missing(request):
                    return redirect("mfa_index")
            if request.path.startswith("/admin/") and not second_factor.used(request):
                # Signed in with one factor only: sign in again, through the same page and limits.
                logout(request)
                return redirect(f"{reverse('account_login')}?next={request.path}")
        return self.get_response(request)
