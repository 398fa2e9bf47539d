"""The service's own settings are read from the environment, strictly (docs/settings.md)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from coordinated_care.config.env import env_int, env_rate_limits

ROOT = Path(__file__).resolve().parents[3]
KNOBS = (
    "SITE_URL",
    "TRUSTED_PROXY_COUNT",
    "PORTFOLIO_UPLOAD_MAX_BYTES",
    "PORTFOLIO_DRAFT_DAYS",
    "FEEDBACK_LINK_DAYS",
    "FEEDBACK_RATE_LIMITS",
    "FEEDBACK_MIN_FILL_SECONDS",
    "CONFIDENTIALITY_CHECKS_PER_MINUTE",
)
LIMITS = {"address": (60, 600), "token": (20, 3600)}


def base_settings(**environment):
    """The knobs as the base settings read them, in a fresh process with `environment` set."""
    code = (
        "import json; from coordinated_care.config.settings import base as s; "
        f"print(json.dumps({{name: getattr(s, name) for name in {KNOBS!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in KNOBS}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **environment}, capture_output=True, text=True
    )
    if result.returncode:
        return result.stderr
    return json.loads(result.stdout)


def test_every_knob_has_a_default_and_is_read_from_the_environment():
    defaults = base_settings()
    assert defaults == {
        "SITE_URL": "",
        "TRUSTED_PROXY_COUNT": 0,
        "PORTFOLIO_UPLOAD_MAX_BYTES": 10 * 1024 * 1024,
        "PORTFOLIO_DRAFT_DAYS": 30,
        "FEEDBACK_LINK_DAYS": 30,
        "FEEDBACK_RATE_LIMITS": {"address": [60, 600], "token": [20, 3600], "countersign": [5, 900]},
        "FEEDBACK_MIN_FILL_SECONDS": 5,
        "CONFIDENTIALITY_CHECKS_PER_MINUTE": 60,
    }
    given = base_settings(
        SITE_URL="https://portfolio.example.nhs.uk",
        TRUSTED_PROXY_COUNT="2",
        PORTFOLIO_UPLOAD_MAX_BYTES="5242880",
        PORTFOLIO_DRAFT_DAYS="7",
        FEEDBACK_LINK_DAYS="14",
        FEEDBACK_RATE_LIMITS="address=120/600, countersign=3/300",
        FEEDBACK_MIN_FILL_SECONDS="3",
        CONFIDENTIALITY_CHECKS_PER_MINUTE="30",
    )
    assert given == {
        "SITE_URL": "https://portfolio.example.nhs.uk",
        "TRUSTED_PROXY_COUNT": 2,
        "PORTFOLIO_UPLOAD_MAX_BYTES": 5242880,
        "PORTFOLIO_DRAFT_DAYS": 7,
        "FEEDBACK_LINK_DAYS": 14,
        # The scopes not named keep their default.
        "FEEDBACK_RATE_LIMITS": {"address": [120, 600], "token": [20, 3600], "countersign": [3, 300]},
        "FEEDBACK_MIN_FILL_SECONDS": 3,
        "CONFIDENTIALITY_CHECKS_PER_MINUTE": 30,
    }


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TRUSTED_PROXY_COUNT", "-1"),
        ("TRUSTED_PROXY_COUNT", "one"),
        ("FEEDBACK_LINK_DAYS", "91"),
        ("PORTFOLIO_UPLOAD_MAX_BYTES", "0"),
        ("FEEDBACK_RATE_LIMITS", "adress=60/600"),
    ],
)
def test_a_malformed_knob_stops_the_service_from_starting(name, value):
    error = base_settings(**{name: value})
    assert isinstance(error, str) and "ImproperlyConfigured" in error and name in error


def test_rate_limits_are_scope_requests_and_seconds(monkeypatch):
    monkeypatch.setenv("LIMITS", "token=5/60")
    assert env_rate_limits("LIMITS", LIMITS) == {"address": (60, 600), "token": (5, 60)}
    monkeypatch.setenv("LIMITS", "")
    assert env_rate_limits("LIMITS", LIMITS) == LIMITS
    for malformed in ["token=5", "token=5/0", "token=five/60", "token", "other=5/60", "token=5/60/1"]:
        monkeypatch.setenv("LIMITS", malformed)
        with pytest.raises(ImproperlyConfigured, match="LIMITS"):
            env_rate_limits("LIMITS", LIMITS)


def test_whole_numbers_can_be_bounded(monkeypatch):
    monkeypatch.setenv("DAYS", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("DAYS", 30, minimum=1)
    monkeypatch.setenv("DAYS", "100")
    with pytest.raises(ImproperlyConfigured, match="at most 90"):
        env_int("DAYS", 30, maximum=90)
    monkeypatch.setenv("DAYS", "90")
    assert env_int("DAYS", 30, minimum=1, maximum=90) == 90


def test_docs_settings_lists_every_variable_the_settings_read_sorted_by_name():
    read = set()
    for module in (ROOT / "coordinated_care" / "config" / "settings").glob("*.py"):
        read |= set(re.findall(r"env_[a-z_]+\(\s*\"([A-Z][A-Z0-9_]*)\"", module.read_text()))
    table = (ROOT / "docs" / "settings.md").read_text()
    listed = re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", table, re.MULTILINE)
    assert set(listed) >= read, f"docs/settings.md lacks {sorted(read - set(listed))}"
    assert listed == sorted(listed)
