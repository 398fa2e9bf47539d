"""Who must sign in with a second factor, and whether they have one (ADR 13).

Everyone but the learner reads or decides on other people's portfolios, so facilitators,
supervisors, programme leads, employers and administrators must add an authenticator app or a
passkey before they do anything else; learners are offered one. What the person needs is worked
out when they sign in and kept in their session, so that pages pay no query for it:

    second_factor.remember(request, user)      # on signing in, and after adding or removing one
    second_factor.missing(request)             # True: send them to set one up
    second_factor.used(request)                # True: this session was opened with two factors
"""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator

from .models import Role, RoleAssignment

REQUIRED_ROLES = frozenset({Role.FACILITATOR, Role.SUPERVISOR, Role.PROGRAMME_LEAD, Role.EMPLOYER, Role.ADMINISTRATOR})
# Factors that sign a person in; recovery codes only stand in for one that was lost.
SIGN_IN_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
SESSION_KEY = "second_factor_missing"


def required_for(user):
    """Whether this person must use a second factor: any role but the learner's, or a Django admin
    account (which reaches every record through the admin)."""
    if user.is_staff or user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user=user, role__in=REQUIRED_ROLES).exists()


def is_set_up(user):
    return Authenticator.objects.filter(user=user, type__in=SIGN_IN_FACTORS).exists()


def remember(request, user):
    request.session[SESSION_KEY] = required_for(user) and not is_set_up(user)


def missing(request):
    return bool(request.session.get(SESSION_KEY))


def used(request):
    """Whether the person gave a second factor in this session, as allauth records it."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)
