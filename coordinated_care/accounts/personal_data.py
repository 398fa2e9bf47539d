"""The personal data the accounts app holds (ADR 15): the account itself, its roles, its e-mail
addresses, sessions and second factors; and the retention of sessions, idle accounts and the
outbox's waiting e-mails (core sits below accounts and knows no registry)."""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models import Q

from coordinated_care.core.models import OutboxJob

from .models import SignedInSession
from .privacy import ERASED_DOMAIN
from .privacy import erase as erase_person
from .providers import PersonalData, Retention, Section, register, register_retention

# An account nobody has signed in to for this long, holding no role, is erased. Six years: the
# limitation period for claims, after which no programme needs to show who took part.
IDLE_ACCOUNT = datetime.timedelta(days=6 * 365)
# E-mails the queue never took: their links have long expired.
OUTBOX_JOB = datetime.timedelta(days=30)

# What allauth keeps per person, where its apps are installed.
ALLAUTH_MODELS = (("account", "EmailAddress"), ("mfa", "Authenticator"), ("socialaccount", "SocialAccount"))


def _allauth_models():
    for app_label, name in ALLAUTH_MODELS:
        if apps.is_installed(f"allauth.{app_label}"):
            yield apps.get_model(app_label, name)


def export(user):
    account = Section(
        "Your account",
        [
            {
                "name": user.full_name,
                "e-mail address": user.email,
                "account made": user.date_joined,
                "last signed in": user.last_login,
                "can sign in": user.is_active,
            }
        ],
    )
    roles = Section(
        "Your roles",
        [
            {"role": row.get_role_display(), "organisation": row.organisation.name, "since": row.created_at}
            for row in user.role_assignments.select_related("organisation").order_by("created_at", "id")
        ],
    )
    acknowledged = Section(
        "Responsibilities you acknowledged",
        [
            {"responsibilities": row.get_responsibilities_display(), "acknowledged": row.acknowledged_at}
            for row in user.acknowledgements.order_by("acknowledged_at", "id")
        ],
    )
    signed_in = Section(
        "When you signed in",
        [
            {"signed in": row.created_at, "through": row.provider_id or "password"}
            for row in user.signed_in_sessions.order_by("created_at", "id")
        ],
    )
    sections = [account, roles, acknowledged, signed_in]
    EmailAddress = apps.get_model("account", "EmailAddress") if apps.is_installed("allauth.account") else None
    if EmailAddress is not None:
        rows = EmailAddress.objects.filter(user=user).order_by("id")
        sections.append(
            Section(
                "Your e-mail addresses",
                [{"e-mail address": a.email, "verified": a.verified, "primary": a.primary} for a in rows],
            )
        )
    if apps.is_installed("allauth.mfa"):
        Authenticator = apps.get_model("mfa", "Authenticator")
        rows = Authenticator.objects.filter(user=user).order_by("id")
        # The kind and dates only: the secrets are not the person's data to read, and would let
        # whoever holds the download sign in as them.
        sections.append(
            Section(
                "Your second factors",
                [{"kind": a.get_type_display(), "added": a.created_at, "last used": a.last_used_at} for a in rows],
            )
        )
    return sections


def erase(user, pseudonym):
    """The account stays, pseudonymised, because signed records and the portfolio point at it;
    nobody can sign in to it again."""
    done = {"role assignments": user.role_assignments.all().delete()[0]}
    for model in _allauth_models():
        done[model._meta.verbose_name_plural] = model.objects.filter(user=user).delete()[0]
    done["sessions"] = _delete_sessions_of(user)
    done["sessions signed in to"] = user.signed_in_sessions.all().delete()[0]
    user.full_name = pseudonym
    user.email = f"{pseudonym.lower().replace(' ', '-')}@{ERASED_DOMAIN}"
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    done["account pseudonymised"] = 1
    return done


def _delete_sessions_of(user):
    """Sessions hold the user id inside their encoded data: decode each live one (there are few)."""
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=datetime.datetime.now(datetime.UTC)).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    return Session.objects.filter(pk__in=doomed).delete()[0]


def expired_sessions(now):
    return Session.objects.filter(expire_date__lt=now).delete()[0]


def ended_signed_in_sessions(now):
    """A session ends SESSION_MAX_HOURS after signing in at the latest: its row (kept so that the
    provider's back-channel logout can end it) is no use after that."""
    return SignedInSession.objects.filter(
        created_at__lt=now - datetime.timedelta(hours=settings.SESSION_MAX_HOURS)
    ).delete()[0]


def idle_accounts(now):
    cutoff = now - IDLE_ACCOUNT
    idle = (
        get_user_model()
        .objects.filter(role_assignments__isnull=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(email__endswith=f"@{ERASED_DOMAIN}")
    )
    count = 0
    for person in idle:
        erase_person(person, by=None)
        count += 1
    return count


def outbox_jobs(now):
    return OutboxJob.objects.filter(created_at__lt=now - OUTBOX_JOB).delete()[0]


def register_all():
    register(PersonalData(key="accounts", export=export, erase=erase))
    register_retention(Retention("Expired sessions", "deleted once expired", expired_sessions))
    register_retention(
        Retention(
            "Sessions signed in to (for the provider's sign-out)",
            "deleted once the session has ended (SESSION_MAX_HOURS after signing in)",
            ended_signed_in_sessions,
        )
    )
    register_retention(
        Retention(
            "Accounts with no role", "erased 6 years after the last sign-in (or the account's making)", idle_accounts
        )
    )
    register_retention(Retention("E-mails the queue never took (outbox)", "deleted after 30 days", outbox_jobs))
