"""Synthetic people in bulk (seed_scale, the benchmarks): their addresses confirmed and, for staff,
an authenticator app with a published secret, so that they sign in through the real pages as a
real person would (ADR 13). Never for real people: the secret is in this file."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

SCALE_TOTP_SECRET = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"


def confirm_and_secure(*, people, staff):
    EmailAddress.objects.bulk_create(
        EmailAddress(user=person, email=person.email, verified=True, primary=True) for person in people
    )
    Authenticator.objects.bulk_create(
        Authenticator(user=person, type=Authenticator.Type.TOTP, data={"secret": encrypt(SCALE_TOTP_SECRET)})
        for person in staff
    )
