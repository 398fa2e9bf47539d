"""The Django admin behind the service's sign-in: the same throttle and the same second factor."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from coordinated_care.accounts.tests.factories import forget_used_codes, totp_code

ADDRESS = "203.0.113.9"


@pytest.fixture
def throttled(settings):
    """The sign-in limits of every environment but the test one, which turns them off."""
    from coordinated_care.config.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    cache.clear()
    forget_used_codes()
    yield
    cache.clear()


def test_the_admin_has_no_sign_in_page_of_its_own(client, db):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/admin/accounts/user/"
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_thirty_wrong_passwords_at_the_admin_then_the_right_one_do_not_open_it(throttled, administrator):
    client = Client(REMOTE_ADDR=ADDRESS)
    for attempt in range(30):
        client.post("/admin/login/", {"username": administrator.email, "password": f"wrong-{attempt}"})
    # The admin's own form is gone: the right password there signs nobody in.
    response = client.post("/admin/login/", {"username": administrator.email, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_thirty_wrong_passwords_then_the_right_one_are_throttled_at_the_one_sign_in(throttled, administrator):
    client = Client(REMOTE_ADDR=ADDRESS)
    for n in range(30):
        client.post(reverse("account_login"), {"login": administrator.email, "password": f"wrong-{n}"})
    right = client.post(reverse("account_login"), {"login": administrator.email, "password": PASSWORD})
    assert throttled_answer(right)
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
    # Counted for the account too: another address gets no fresh tries at it.
    other = Client(REMOTE_ADDR="198.51.100.7")
    again = other.post(reverse("account_login"), {"login": administrator.email, "password": PASSWORD})
    assert throttled_answer(again)
    assert "_auth_user_id" not in other.session


def throttled_answer(response):
    """allauth's two refusals: the form's error once the account's failures are spent, 429 once the
    address's requests are."""
    return response.status_code == 429 or (
        response.status_code == 200 and "Too many failed login attempts" in response.content.decode()
    )


def test_the_admin_is_not_reached_without_the_second_factor(administrator):
    client = Client()
    client.force_login(administrator, backend="django.contrib.auth.backends.ModelBackend")  # one factor
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == f"{reverse('account_login')}?next=/admin/"
    assert "_auth_user_id" not in client.session  # signed out, to sign in again with both


def test_the_admin_opens_after_signing_in_with_both_factors(throttled, administrator):
    client = Client()
    first = client.post(
        reverse("account_login"), {"login": administrator.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert first["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302
    second = client.post(reverse("mfa_authenticate"), {"code": totp_code(who=administrator.email)})
    assert second.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_passwords_are_long_and_uncommon():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for refused in ["short-pass1", "qwertyqwerty", "123456789012345"]:
        with pytest.raises(ValidationError):
            validate_password(refused)
    validate_password("a-long-enough-password-2026")
    lengths = [v for v in django_settings.AUTH_PASSWORD_VALIDATORS if v["NAME"].endswith("MinimumLengthValidator")]
    assert lengths[0]["OPTIONS"]["min_length"] == 12
