import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from coordinated_care.accounts.models import Organisation
from coordinated_care.accounts.tests.factories import OrganisationFactory
from coordinated_care.confidentiality import registry

ROOT = Path(__file__).resolve().parents[3]


class Pipe:
    def __init__(self, data=b""):
        self.buffer = io.BytesIO(data)


def run_scan_pii(monkeypatch, text: str) -> list[str]:
    stdin, stdout = Pipe(text.encode("utf-8")), Pipe()
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", stdout)
    call_command("scan_pii")
    return stdout.buffer.getvalue().decode("utf-8").splitlines()


def test_scan_pii_writes_one_json_object_per_line_in_the_exact_shape(monkeypatch):
    lines = run_scan_pii(monkeypatch, "Siobhán rang from 07700 900123.\n\nIn March we met Age UK.\nMr Li\r\n")
    assert lines[0] == (
        '{"findings": [{"start": 0, "end": 7, "type": "PERSON", "action": "confirm", "score": 0.8}, '
        '{"start": 18, "end": 30, "type": "PHONE_NUMBER", "action": "block", "score": 0.9}]}'
    )
    assert lines[1] == '{"findings": []}'
    assert lines[2] == '{"findings": []}'
    assert json.loads(lines[3])["findings"][0] | {"score": None} == {
        "start": 0,
        "end": 5,
        "type": "PERSON",
        "action": "confirm",
        "score": None,
    }
    assert len(lines) == 4


def test_scan_pii_offsets_count_characters_not_bytes(monkeypatch):
    [line] = run_scan_pii(monkeypatch, "Café – Siobhán’s NHS number is 943 476 5919\n")
    [nhs] = [f for f in json.loads(line)["findings"] if f["type"] == "NHS_NUMBER"]
    assert "Café – Siobhán’s NHS number is 943 476 5919"[nhs["start"] : nhs["end"]] == "943 476 5919"


def test_scan_pii_streams_through_a_real_pipe():
    process = subprocess.run(
        [sys.executable, "manage.py", "scan_pii"],
        input=b"Call 07700 900123\n\n",
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    assert process.stdout.decode().splitlines() == [
        '{"findings": [{"start": 5, "end": 17, "type": "PHONE_NUMBER", "action": "block", "score": 0.9}]}',
        '{"findings": []}',
    ]


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(registry, "_registrations", {})


def test_scan_existing_with_nothing_registered_reports_nothing(empty_registry, capsys):
    call_command("scan_existing")
    assert "No models are registered" in capsys.readouterr().out


@pytest.mark.django_db
def test_scan_existing_lists_entries_that_would_fail_without_printing_them(empty_registry, capsys):
    registry.register(Organisation, ["name"])
    failing = Organisation.objects.create(name="Ring 07700 900123", kind=Organisation.Kind.PRACTICE)
    named = Organisation.objects.create(name="Mrs Patel's practice", kind=Organisation.Kind.PRACTICE)
    OrganisationFactory(name="Elm Road Surgery")
    call_command("scan_existing")
    out = capsys.readouterr().out
    assert f"accounts.Organisation {failing.pk}: name[5:17] PHONE_NUMBER (block)" in out
    assert f"accounts.Organisation {named.pk}: name[0:9] PERSON (confirm)" in out
    assert "07700" not in out and "Patel" not in out
    assert f"2 of {Organisation.objects.count()} stored entries would fail" in out

    call_command("scan_existing", "--blocking-only")
    out = capsys.readouterr().out
    assert f"accounts.Organisation {named.pk}" not in out
    assert "1 of" in out


def test_registering_a_field_that_does_not_exist_fails_loudly(empty_registry):
    with pytest.raises(ValueError, match="has no field"):
        registry.register(Organisation, ["nickname"])
