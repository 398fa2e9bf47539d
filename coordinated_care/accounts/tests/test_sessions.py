"""Sessions end: SESSION_IDLE_MINUTES after the last request, SESSION_MAX_HOURS after signing in; in
production their cookies are __Host- ones (Secure, this host only, path /)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse

from coordinated_care.accounts import middleware
from coordinated_care.core.tests.production import Browser, gunicorn, prepare, production_env

ROOT = Path(__file__).resolve().parents[3]
MINUTE = 60


@pytest.fixture
def clock(monkeypatch):
    """The sessions' clock, moved on by hand."""
    now = [time.time()]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])

    def advance(minutes):
        now[0] += minutes * MINUTE

    return advance


def test_a_session_ends_after_the_idle_time(settings, learner, signed_in, clock):
    settings.SESSION_IDLE_MINUTES = 30
    client = signed_in(learner)
    clock(29)
    assert client.get("/learner/").status_code == 200
    clock(29)  # 58 minutes in, but never 30 without a request
    assert client.get("/learner/").status_code == 200
    clock(31)
    response = client.get("/learner/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_a_session_ends_after_its_lifetime_however_active(settings, learner, signed_in, clock):
    settings.SESSION_IDLE_MINUTES, settings.SESSION_MAX_HOURS = 30, 12
    client = signed_in(learner)
    for _ in range(12 * 60 // 20 - 1):
        clock(20)
        assert client.get("/learner/").status_code == 200
    clock(21)  # 12 hours and a minute after signing in
    assert client.get("/learner/").status_code == 302


def test_signing_in_again_starts_a_new_session_clock(settings, learner, signed_in, clock):
    settings.SESSION_IDLE_MINUTES = 30
    client = signed_in(learner)
    clock(45)
    assert client.get("/learner/").status_code == 302
    client = signed_in(learner)
    assert client.get("/learner/").status_code == 200


@pytest.mark.parametrize(
    ("variable", "value", "setting"), [("SESSION_IDLE_MINUTES", "15", 15), ("SESSION_MAX_HOURS", "8", 8)]
)
def test_the_session_limits_come_from_the_environment(variable, value, setting):
    script = f"from django.conf import settings; print(settings.{variable}, settings.SESSION_COOKIE_AGE)"
    env = {**os.environ, variable: value, "DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    read, cookie_age = result.stdout.strip().splitlines()[-1].split()
    assert int(read) == setting
    if variable == "SESSION_MAX_HOURS":
        assert int(cookie_age) == setting * 3600


def test_a_malformed_session_limit_is_refused():
    env = {
        **os.environ,
        "SESSION_IDLE_MINUTES": "half an hour",
        "DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.test",
    }
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SESSION_IDLE_MINUTES" in result.stderr


def test_production_sets_host_only_secure_cookies(tmp_path):
    env = production_env(tmp_path)
    prepare(env)
    with gunicorn(env) as base:
        browser = Browser(base)
        status, _, _ = browser.request("/accounts/login/")
        assert status == 200
        (csrf,) = [cookie for cookie in browser.cookies if cookie.name.endswith("csrftoken")]
        assert csrf.name == "__Host-csrftoken"
        assert csrf.secure and csrf.path == "/" and not csrf.domain_specified
        status, _, _ = browser.sign_in("prod.check@example.test")
        assert status == 302
        names = {cookie.name: cookie for cookie in browser.cookies}
        assert "sessionid" not in names and "csrftoken" not in names
        session = names["__Host-sessionid"]
        assert session.secure and session.path == "/" and not session.domain_specified
        assert session.has_nonstandard_attr("HttpOnly")
        # Signed in with that cookie, and only with it.
        assert browser.request("/framework/")[0] == 200
