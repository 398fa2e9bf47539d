import logging

import pytest
from django.core.cache import cache
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import reverse

from coordinated_care.core import ratelimit

URL = "/confidentiality/check/"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def test_the_url_is_stable():
    assert reverse("confidentiality:check") == URL


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.post(URL, {"text": "Mrs Patel"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_signed_in_user_gets_the_findings(signed_in, learner):
    response = signed_in(learner).post(URL, {"text": "Mrs Patel rang from 07700 900123."})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    findings = response.json()["findings"]
    assert [(f["text"], f["type"], f["action"]) for f in findings] == [
        ("Mrs Patel", "PERSON", "confirm"),
        ("07700 900123", "PHONE_NUMBER", "block"),
    ]
    assert findings[1]["start"] == 20 and findings[1]["end"] == 32
    assert findings[1]["explanation"].startswith("This looks like a phone number")


def test_only_post_is_allowed(signed_in, learner):
    assert signed_in(learner).get(URL, {"text": "x"}).status_code == 405


def test_csrf_is_enforced(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(URL, {"text": "Mrs Patel"}).status_code == 403
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    response = client.post(URL, {"text": "Mrs Patel"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_checks_are_rate_limited(signed_in, learner, settings, monkeypatch):
    settings.CONFIDENTIALITY_CHECKS_PER_MINUTE = 2
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_800_000_000.0)  # one minute's window throughout
    client = signed_in(learner)
    assert [client.post(URL, {"text": "hello"}).status_code for _ in range(3)] == [200, 200, 429]


def test_very_long_text_is_refused(signed_in, learner):
    assert signed_in(learner).post(URL, {"text": "a" * 20_001}).status_code == 413


def test_the_text_is_never_logged(signed_in, learner, caplog):
    caplog.set_level(logging.DEBUG)
    signed_in(learner).post(URL, {"text": "NHS number 943 476 5919 for Mrs Zyxwabc"})
    assert "943 476 5919" not in caplog.text
    assert "Zyxwabc" not in caplog.text


def test_a_name_that_can_never_be_a_colleagues_is_said_so_while_typing(signed_in, learner):
    response = signed_in(learner).post(URL, {"text": "Mrs Patel rang. I agreed it with Sam Okafor."})
    findings = {f["text"]: f for f in response.json()["findings"]}
    assert "cannot be confirmed as a colleague" in findings["Mrs Patel"]["not_a_colleague"]
    assert "not_a_colleague" not in findings["Sam Okafor"]


def test_general_wording_is_sent_with_a_finding_that_has_some(signed_in, learner, monkeypatch):
    from coordinated_care.confidentiality import views
    from coordinated_care.confidentiality.findings import Action, Finding

    copd = Finding(8, 12, "CONDITION", 0.7, Action.CONFIRM, "This looks like a condition.", "a lung condition")
    monkeypatch.setattr(views, "scan", lambda text: [copd])
    [finding] = signed_in(learner).post(URL, {"text": "She has COPD."}).json()["findings"]
    assert (finding["text"], finding["suggestion"]) == ("COPD", "a lung condition")
