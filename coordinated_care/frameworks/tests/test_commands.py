"""The management commands are thin wrappers: they choose, call the services and report."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from coordinated_care.frameworks.exchange import export_case, export_csv
from coordinated_care.frameworks.models import Framework, FrameworkItem, FrameworkVersion
from coordinated_care.frameworks.services import new_version_from

from .factories import build_framework


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_load_framework_loads_once(db):
    assert "version 1, published, 37 items" in run("load_framework")
    run("load_framework")
    assert FrameworkVersion.objects.count() == 1
    assert FrameworkItem.objects.count() == 37


def test_export_defaults_to_case_for_the_only_framework_and_its_latest_published_version(shipped):
    new_version_from(shipped)  # a draft is never the default
    assert run("export_framework") == export_case(shipped)
    assert run("export_framework", "making-sense-of-coordinated-care", "--format", "csv") == export_csv(shipped)


def test_export_a_chosen_version_including_a_draft(shipped):
    draft = new_version_from(shipped)
    output = run("export_framework", "making-sense-of-coordinated-care", "--version", "2")
    assert json.loads(output)["CFDocument"]["identifier"] == str(draft.uuid)
    assert run("export_framework", version=1, format="csv") == export_csv(shipped)


def test_export_explains_what_is_missing(shipped):
    build_framework()
    with pytest.raises(CommandError, match="Name the framework"):
        run("export_framework")
    with pytest.raises(CommandError, match="no version 9"):
        run("export_framework", "making-sense-of-coordinated-care", "--version", "9")
    with pytest.raises(CommandError, match="has no published version"):
        run("export_framework", "no-such-framework")


def test_import_reads_a_file_as_a_new_draft(shipped, tmp_path):
    path = tmp_path / "framework.json"
    path.write_text(export_case(shipped), encoding="utf-8")
    output = run("import_framework", str(path))
    assert "as draft version 2 of Making sense of Coordinated Care" in output
    assert FrameworkVersion.objects.get(number=2).status == FrameworkVersion.Status.DRAFT


def test_import_refuses_a_bad_file_whole_and_says_why(shipped, tmp_path):
    lines = export_csv(shipped).split("\n")
    lines[-2] = lines[-2].replace(",competency,", ",mystery,")
    path = tmp_path / "framework.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    counts = (Framework.objects.count(), FrameworkVersion.objects.count(), FrameworkItem.objects.count())
    with pytest.raises(CommandError, match=rf"Nothing was imported\. line {len(lines) - 1}: .*'mystery'"):
        run("import_framework", str(path))
    assert (Framework.objects.count(), FrameworkVersion.objects.count(), FrameworkItem.objects.count()) == counts


def test_import_says_when_the_file_cannot_be_read(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_framework", str(tmp_path / "missing.csv"))
