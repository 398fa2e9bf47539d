"""Two-factor authentication (allauth's MFA): required of every role but the learner's, offered to
learners; the pages in Jinja with NHS.UK components under the strict CSP."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, assert_strict_csp_markup
from coordinated_care.accounts.models import Role
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory, UserFactory, forget_used_codes, totp_code


@pytest.fixture(autouse=True)
def fresh_codes():
    forget_used_codes()


HOMES = {
    Role.FACILITATOR: "/facilitator/",
    Role.SUPERVISOR: "/supervisor/",
    Role.PROGRAMME_LEAD: "/programme-lead/",
    Role.EMPLOYER: "/employer/",
    Role.ADMINISTRATOR: "/administrator/",
}


def person_without_second_factor(role, practice):
    user = RoleAssignmentFactory(role=role, organisation=practice, with_second_factor=False).user
    if role == Role.ADMINISTRATOR:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def signed_in_with_password(user):
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client, response


def set_up_authenticator_app(client):
    """What a person does on the page: confirm their password (allauth asks again before a change
    to how they sign in), read the key into their app, type its code."""
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("account_reauthenticate"))
    assert "Confirm it is you" in client.get(page["Location"]).content.decode()
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    assert f'<code id="authenticator_secret">{secret}</code>' in page.content.decode()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    return client.post(reverse("mfa_activate_totp"), {"code": code})


@pytest.mark.parametrize("role", HOMES, ids=str)
def test_a_role_that_needs_a_second_factor_is_sent_to_set_one_up_before_anything_else(role, practice):
    user = person_without_second_factor(role, practice)
    client, signed_in = signed_in_with_password(user)
    assert signed_in["Location"] == "/"
    for path in ["/", HOMES[role], reverse("framework:index"), "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_index"), path
    # Not even a form elsewhere: the POST never reaches its view.
    assert client.post(reverse("account_change_password"), {})["Location"] == reverse("mfa_index")
    page = client.get(reverse("mfa_index"))
    assert page.status_code == 200
    assert "Set up two-factor authentication to continue" in page.content.decode()

    done = set_up_authenticator_app(client)

    assert done.status_code == 302 and done["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    codes = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert len(re.findall(r"<li><code>\d{8}</code></li>", codes)) == 10
    assert client.get(HOMES[role]).status_code == 200


def test_a_learner_is_offered_a_second_factor_but_not_made_to(learner):
    client, _ = signed_in_with_password(learner)
    assert client.get("/learner/").status_code == 200
    page = client.get(reverse("mfa_index")).content.decode()
    assert "Set up an authenticator app" in page and "to continue" not in page
    set_up_authenticator_app(client)
    # From now on the learner, too, is asked for a code when signing in.
    again, response = signed_in_with_password(learner)
    assert response["Location"] == reverse("mfa_authenticate")


def test_signing_in_with_a_second_factor_asks_for_its_code(facilitator):
    client, response = signed_in_with_password(facilitator)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/facilitator/").status_code == 302  # not signed in yet
    page = client.get(reverse("mfa_authenticate"))
    assert "Enter your security code" in page.content.decode()
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "nhsuk-error-summary" in wrong.content.decode()
    assert client.get("/facilitator/").status_code == 302
    right = client.post(reverse("mfa_authenticate"), {"code": totp_code(who=facilitator.email)})
    assert right.status_code == 302
    assert client.get("/facilitator/").status_code == 200


def test_a_code_is_accepted_once(facilitator):
    code = totp_code(who=facilitator.email)
    first, _ = signed_in_with_password(facilitator)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    second, _ = signed_in_with_password(facilitator)
    assert second.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200
    assert second.get("/facilitator/").status_code == 302


def test_a_recovery_code_stands_in_for_a_lost_phone(practice):
    user = person_without_second_factor(Role.EMPLOYER, practice)
    client, _ = signed_in_with_password(user)
    set_up_authenticator_app(client)
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()[0]
    again, _ = signed_in_with_password(user)
    assert again.post(reverse("mfa_authenticate"), {"code": recovery}).status_code == 302
    assert again.get("/employer/").status_code == 200


def test_staff_cannot_remove_their_last_authenticator(facilitator, signed_in):
    client = signed_in(facilitator)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200 and "nhsuk-error-summary" in response.content.decode()
    assert Authenticator.objects.filter(user=facilitator, type=Authenticator.Type.TOTP).exists()


def test_a_learner_may_remove_theirs(practice, signed_in):
    learner = RoleAssignmentFactory(role=Role.LEARNER, organisation=practice).user
    client, _ = signed_in_with_password(learner)
    set_up_authenticator_app(client)
    assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=learner, type=Authenticator.Type.TOTP).exists()


@pytest.mark.parametrize(
    "name", ["mfa_index", "mfa_activate_totp", "mfa_add_webauthn", "mfa_list_webauthn", "mfa_generate_recovery_codes"]
)
def test_the_pages_are_nhs_pages_under_the_strict_csp(name, learner, signed_in):
    client = signed_in(learner)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # asked before any change
    response = client.get(reverse(name))
    assert response.status_code == 200, name
    html = response.content.decode()
    assert 'class="nhsuk-header' in html
    assert_strict_csp_markup(html)
    if name == "mfa_add_webauthn":
        # allauth's WebAuthn script, from our own origin; its data blocks carry the response's nonce.
        assert re.search(r'<script src="/static/mfa/js/webauthn\.[0-9a-f]{12}\.js">', html)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'id="js_data" nonce="{nonce}"' in html
        assert "creation_options" in html


def test_the_two_factor_pages_need_sign_in(client, db):
    for name in ["mfa_index", "mfa_activate_totp", "mfa_add_webauthn"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_someone_with_no_role_needs_no_second_factor(db):
    client, _ = signed_in_with_password(UserFactory())
    assert client.get("/").status_code == 200
