import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from coordinated_care.config.env import env_bool, env_int, env_str

ROOT = Path(__file__).resolve().parents[3]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "AUDIT_SEAL_KEY": secrets.token_urlsafe(48),
    "ALLOWED_HOSTS": "portfolio.example.nhs.uk",
    "DATABASE_URL": f"sqlite:///{ROOT / 'build' / 'deploy-check.sqlite3'}",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SITE_URL": "https://portfolio.example.nhs.uk",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DEBUG"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "AUDIT_SEAL_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_BACKEND", "SITE_URL"]
)
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "too-short"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("backend", ["console", "locmem", "dummy", "filebased"])
def test_production_refuses_an_email_backend_that_does_not_send(backend):
    result = run_manage(
        "check", env={**PRODUCTION_ENV, "EMAIL_BACKEND": f"django.core.mail.backends.{backend}.EmailBackend"}
    )
    assert result.returncode != 0
    assert "EMAIL_BACKEND" in result.stderr and "does not send" in result.stderr


def test_a_malformed_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


def test_booleans_and_numbers_are_read_strictly(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    monkeypatch.setenv("COUNT", "12")
    assert env_bool("FLAG") is True
    assert env_int("COUNT", 0) == 12
    monkeypatch.setenv("COUNT", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("COUNT", 0)


def test_secrets_can_be_read_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("API_SECRET_FILE", str(secret))
    assert env_str("API_SECRET") == "from-a-file"


def test_demo_data_is_not_installed_in_production():
    result = run_manage("seed_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "Unknown command" in result.stderr
