import re

import pytest
from django.core import mail

from conftest import PASSWORD


@pytest.mark.django_db
def test_sign_in_page_uses_the_nhs_design_system(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="nhsuk-header' in html
    assert 'name="login"' in html and 'type="email"' in html
    assert re.search(r"/static/css/main\.[0-9a-f]{12}\.css", html)


def test_signing_in_with_email_and_password_lands_on_the_role_home(client, learner):
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/learner/"
    assert "Your portfolio" in response.content.decode()


def test_a_wrong_password_shows_an_error_summary(client, learner):
    response = client.post("/accounts/login/", {"login": learner.email, "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "nhsuk-error-summary" in html
    assert "There is a problem" in html


def test_sign_up_is_closed(client, db):
    response = client.get("/accounts/signup/")
    assert "Accounts are made by your training hub" in response.content.decode()


def test_password_reset_sends_a_single_use_link(client, learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # e-mail leaves through the outbox on commit
        response = client.post("/accounts/password/reset/", {"email": learner.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/accounts/password/reset/key/" in word)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-brand-new-passphrase-2026"
    done = client.post(form_page.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password(new_password)
    again = client.get(path, follow=True)
    assert "expired or has been used" in again.content.decode()


def test_password_reset_does_not_reveal_whether_an_account_exists(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1  # allauth tells the address that it has no account, nothing on screen
    assert "password/reset/key" not in mail.outbox[0].body


def test_signing_out_needs_a_post(client, signed_in, learner):
    client = signed_in(learner)
    assert client.get("/accounts/logout/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/learner/").status_code == 302


def test_sign_in_limits_count_the_visitor_behind_the_load_balancer(rf, settings):
    from allauth.account.adapter import get_adapter

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/accounts/login/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.7"
    # Too few hops for the count: the connection's own address, never an error.
    request = rf.get("/accounts/login/", REMOTE_ADDR="10.0.0.1")
    assert get_adapter(request).get_client_ip(request) == "10.0.0.1"
