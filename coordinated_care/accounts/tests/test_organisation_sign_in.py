"""Signing in through an organisation's OpenID Connect provider (NHS CIS2 Authentication), against
the local provider of oidc_provider.py: authorization code flow with PKCE, the client authenticated
by a signed assertion (private_key_jwt), and back-channel logout ending the person's sessions."""

from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from coordinated_care.accounts.models import Role, SignedInSession
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory, UserFactory, forget_used_codes, totp_code
from coordinated_care.accounts.tests.oidc_provider import CLIENT_ID, LocalProvider, app_settings, new_key

START = "/accounts/oidc/cis2/login/"
CALLBACK = "/accounts/oidc/cis2/login/callback/"
BACKCHANNEL = "/accounts/oidc/cis2/backchannel-logout/"


@pytest.fixture
def provider(settings, monkeypatch):
    client_key = new_key()
    settings.SOCIALACCOUNT_PROVIDERS = app_settings(client_key)
    local = LocalProvider(client_key.public_key())
    monkeypatch.setattr(DefaultSocialAccountAdapter, "get_requests_session", local.session)
    return local


@pytest.fixture
def person(practice):
    """A learner whose address is confirmed: a learner needs no second factor, so the sign-in ends
    at the provider's."""
    return RoleAssignmentFactory(
        role=Role.LEARNER, organisation=practice, user=UserFactory(email="staff@nhs.test")
    ).user


def sign_in_at_provider(client, provider, **who):
    started = client.post(START)
    assert started.status_code == 302
    location = started["Location"]
    back = provider.authorize(location, **who)
    return location, client.get(f"{CALLBACK}?{back}")


def query(location):
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def test_the_sign_in_page_offers_the_organisation_provider_once_configured(client, provider):
    html = client.get(reverse("account_login")).content.decode()
    assert "Sign in with NHS CIS2 Authentication" in html
    assert f'action="{START}"' in html


def test_without_cis2_settings_there_is_no_organisation_sign_in(client, db):
    assert "NHS CIS2" not in client.get(reverse("account_login")).content.decode()
    assert client.post(START).status_code == 404


def test_signing_in_sends_pkce_and_a_signed_client_assertion_and_no_secret(client, provider, person):
    location, response = sign_in_at_provider(client, provider, sub="cis2-uid-1", email=person.email)

    asked = query(location)
    assert location.startswith("https://cis2.provider.test/")
    assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) == 43
    assert asked["client_id"] == CLIENT_ID and asked["response_type"] == "code"
    assert asked["acr_values"] == "AAL3_ANY" and asked["nonce"]
    assert set(asked["scope"].split()) == {"openid", "profile", "email", "nationalrbacaccess"}
    # The provider checked the verifier against the challenge and the assertion against our public key.
    (sent,) = provider.token_requests
    assert sent["code_verifier"] and "client_secret" not in sent
    (assertion,) = provider.assertions
    assert assertion["iss"] == assertion["sub"] == CLIENT_ID
    assert assertion["exp"] - assertion["iat"] <= 300

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/learner/").status_code == 200
    account = SocialAccount.objects.get(user=person)
    assert (account.provider, account.uid) == ("cis2", "cis2-uid-1")


def test_an_assertion_signed_with_another_key_is_refused_by_the_provider(client, provider, person):
    provider.client_public_key = new_key().public_key()  # the provider holds a different public key
    _, response = sign_in_at_provider(client, provider, sub="cis2-uid-1", email=person.email)
    assert "could not be signed in" in response.content.decode()
    assert client.get("/learner/").status_code == 302
    assert not SocialAccount.objects.exists()


def test_an_id_token_for_another_sign_in_is_refused(client, provider, person):
    _, response = sign_in_at_provider(client, provider, sub="cis2-uid-1", email=person.email, nonce="not-ours")
    assert "could not be signed in" in response.content.decode()
    assert client.get("/learner/").status_code == 302


def test_the_provider_never_makes_an_account_or_joins_an_unconfirmed_address(client, provider, practice):
    # Someone added this address to their own account without confirming it.
    holder = UserFactory(email="holder@nhs.test")
    holder.emailaddress_set.create(email="newcomer@nhs.test", verified=False, primary=False)
    _, response = sign_in_at_provider(client, provider, sub="cis2-uid-2", email="newcomer@nhs.test")
    assert "Accounts are made by your training hub" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_role_that_needs_a_second_factor_is_still_asked_for_it(client, provider, practice):
    forget_used_codes()
    facilitator = RoleAssignmentFactory(role=Role.FACILITATOR, organisation=practice).user
    _, response = sign_in_at_provider(client, provider, sub="cis2-uid-3", email=facilitator.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/facilitator/").status_code == 302
    done = client.post(reverse("mfa_authenticate"), {"code": totp_code(who=facilitator.email)})
    assert done.status_code == 302
    assert client.get("/facilitator/").status_code == 200


def test_back_channel_logout_ends_the_persons_sessions(client, provider, person, django_user_model):
    sign_in_at_provider(client, provider, sub="cis2-uid-1", email=person.email, sid="provider-session-9")
    assert client.get("/learner/").status_code == 200
    assert SignedInSession.objects.filter(user=person, provider_id="cis2", provider_sid="provider-session-9").exists()

    from django.test import Client

    answer = Client().post(
        BACKCHANNEL, {"logout_token": provider.logout_token(sub="cis2-uid-1", sid="provider-session-9")}
    )

    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    assert client.get("/learner/").status_code == 302  # signed out: sent to sign in
    assert not SignedInSession.objects.filter(user=person).exists()


def test_a_logout_token_naming_only_the_person_ends_all_their_sessions(client, provider, person):
    sign_in_at_provider(client, provider, sub="cis2-uid-1", email=person.email)
    from django.test import Client

    other_device = Client()
    other_device.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    assert other_device.get("/learner/").status_code == 200

    assert Client().post(BACKCHANNEL, {"logout_token": provider.logout_token(sub="cis2-uid-1")}).status_code == 200
    assert client.get("/learner/").status_code == 302
    assert other_device.get("/learner/").status_code == 302


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda p: p.logout_token(sub="cis2-uid-1", key=new_key()), id="signed by another key"),
        pytest.param(lambda p: p.logout_token(sub="cis2-uid-1", aud="another-client"), id="for another client"),
        pytest.param(lambda p: p.logout_token(sub="cis2-uid-1", iss="https://elsewhere.test"), id="another issuer"),
        pytest.param(lambda p: p.logout_token(sub="cis2-uid-1", events={}), id="not a logout event"),
        pytest.param(lambda p: p.logout_token(sub="cis2-uid-1", nonce="n"), id="carrying a nonce"),
        pytest.param(lambda p: p.logout_token(), id="naming nobody"),
        pytest.param(
            lambda p: jwt.encode({"sub": "cis2-uid-1"}, "a-guessed-shared-secret-of-32-bytes!", algorithm="HS256"),
            id="an HMAC",
        ),
        pytest.param(lambda p: "", id="missing"),
    ],
)
def test_a_logout_token_that_does_not_verify_ends_nothing(client, provider, person, token):
    sign_in_at_provider(client, provider, sub="cis2-uid-1", email=person.email)
    from django.test import Client

    assert Client().post(BACKCHANNEL, {"logout_token": token(provider)}).status_code == 400
    assert client.get("/learner/").status_code == 200


def test_a_logout_token_is_honoured_once(client, provider, person):
    sign_in_at_provider(client, provider, sub="cis2-uid-1", email=person.email)
    from django.test import Client

    logout_token = provider.logout_token(sub="cis2-uid-1")
    assert Client().post(BACKCHANNEL, {"logout_token": logout_token}).status_code == 200
    sign_in_at_provider(client, provider, sub="cis2-uid-1", email=person.email)
    assert Client().post(BACKCHANNEL, {"logout_token": logout_token}).status_code == 400
    assert client.get("/learner/").status_code == 200


def test_back_channel_logout_takes_only_a_post(client, provider):
    assert client.get(BACKCHANNEL).status_code == 405


def test_the_person_sees_and_may_stop_using_their_organisation_sign_in(client, provider, person):
    sign_in_at_provider(client, provider, sub="cis2-uid-1", email=person.email)
    html = client.get(reverse("socialaccount_connections")).content.decode()
    assert 'class="nhsuk-header' in html and "NHS CIS2 Authentication" in html
    account = SocialAccount.objects.get(user=person)
    client.post(reverse("socialaccount_connections"), {"account": account.pk})
    assert not SocialAccount.objects.filter(user=person).exists()
