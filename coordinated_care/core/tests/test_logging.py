"""Log lines for production's collectors: JSON, one a request, and never a path, a token or a
portfolio identifier (paths carry them)."""

import json
import logging

import pytest

from coordinated_care.core.logging import JsonFormatter, WithholdPaths

TOKEN = "Zq3secret-token-never-logged-7Yp"


def formatted(records):
    formatter, withhold = JsonFormatter(), WithholdPaths()
    lines = []
    for record in records:
        withhold.filter(record)
        lines.append(formatter.format(record))
    return lines


@pytest.mark.django_db
def test_a_request_is_logged_by_its_url_pattern_as_json_without_its_token(client, caplog):
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.INFO, logger="coordinated_care.requests")
    client.get(f"/feedback/f/{TOKEN}/?q=Mrs+Smith")
    lines = formatted(caplog.records)
    request_lines = [json.loads(line) for line in lines if json.loads(line)["logger"] == "coordinated_care.requests"]
    assert request_lines == [
        {
            "time": request_lines[0]["time"],
            "level": "INFO",
            "logger": "coordinated_care.requests",
            "message": "request",
            "method": "GET",
            "route": "/feedback/f/<str:token>/",
            "status": request_lines[0]["status"],
            "duration_ms": request_lines[0]["duration_ms"],
        }
    ]
    assert all(TOKEN not in line and "Smith" not in line for line in lines), lines


@pytest.mark.django_db
def test_djangos_not_found_line_withholds_the_path(client, caplog):
    caplog.set_level(logging.INFO)
    client.get(f"/no-such-page/{TOKEN}/")
    lines = formatted(caplog.records)
    assert any("Not Found" in line for line in lines)
    assert all(TOKEN not in line for line in lines), lines
