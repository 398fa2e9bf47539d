from unittest import mock

import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_answers_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch("coordinated_care.core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_healthz_refuses_other_methods(client):
    assert client.post("/healthz").status_code == 405


def test_healthz_live_answers_without_the_database_or_a_session(client):
    # No django_db mark: a query, for the session or anything else, would fail the test.
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "Set-Cookie" not in response.headers and not response.cookies


def test_healthz_live_refuses_other_methods(client):
    assert client.post("/healthz/live").status_code == 405
