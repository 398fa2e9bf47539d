"""import_role_profile and export_role_profile --format json: a file is refused whole, naming the
pick at fault, and a profile exported, imported and exported again is the same file."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from coordinated_care.roles.models import RoleProfile

from .conftest import PROFILE_FILE

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def write(tmp_path, data):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_import_prints_the_new_profiles_id_on_its_last_line(shipped, practice):
    output = run("import_role_profile", str(PROFILE_FILE))
    profile = RoleProfile.objects.get()
    assert output.splitlines()[-1] == str(profile.pk)
    assert profile.versions.get().is_draft


def test_export_then_import_then_export_is_the_same_file(shipped, practice, tmp_path):
    first_id = run("import_role_profile", str(PROFILE_FILE)).splitlines()[-1]
    exported = run("export_role_profile", first_id, "--format", "json")
    expected = json.loads(PROFILE_FILE.read_text())
    # The export lists the picks in the framework's order (the guide's: COM, REL, PCC, CL).
    domains = ["COM", "REL", "PCC", "CL"]
    expected["picks"].sort(key=lambda pick: domains.index(pick["code"].split(".")[0]))
    assert json.loads(exported) == expected
    second_id = run("import_role_profile", write(tmp_path, json.loads(exported))).splitlines()[-1]
    assert second_id != first_id
    slug = RoleProfile.objects.get(pk=second_id).slug
    assert run("export_role_profile", slug, "--format", "json") == exported


def test_export_writes_to_a_file_when_asked(profile, tmp_path):
    target = tmp_path / "out.json"
    run("export_role_profile", profile.slug, "--format", "json", "--output", str(target))
    assert json.loads(target.read_text())["title"] == "Care coordinator (test)"


def broken(change):
    data = json.loads(PROFILE_FILE.read_text())
    change(data)
    return data


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda d: d["picks"][2].update(code="CL.K9"),
            "pick 3 (CL.K9): the framework version has no competency or component CL.K9",
        ),
        (
            lambda d: d["picks"][1].update(priority="vital"),
            "pick 2 (COM.5): priority must be essential or desirable, not 'vital'",
        ),
        (lambda d: d["picks"][0].update(level="expert"), "pick 1 (COM.1): level must be aware, practising or leading"),
        (lambda d: d["picks"][4].update(tested_by=["phone call"]), "pick 5 (PCC.1): tested_by may hold"),
        (lambda d: d["picks"][3].pop("tested_by"), "pick 4 (CL.1): missing tested_by"),
        (lambda d: d["picks"].append(dict(d["picks"][0])), "pick 8 (COM.1): COM.1 is picked twice"),
        (lambda d: d.pop("title"), "missing field 'title'"),
        (lambda d: d.pop("organisation"), "missing field 'organisation'"),
        (lambda d: d.update(organisation="Nowhere Surgery"), "no organisation is called 'Nowhere Surgery'"),
        (lambda d: d.update(framework="another"), "no published framework 'another'"),
        (lambda d: d.update(framework_version=7), "version 7"),
        (lambda d: d.update(picks=[]), "needs at least one"),
        (lambda d: d.update(duties="one long line"), "duties must be a list"),
    ],
)
def test_a_bad_file_is_refused_whole_naming_what_is_at_fault(shipped, practice, tmp_path, change, message):
    with pytest.raises(CommandError) as refused:
        run("import_role_profile", write(tmp_path, broken(change)))
    assert str(refused.value).startswith("Nothing was imported.")
    assert message in str(refused.value)
    assert not RoleProfile.objects.exists()


def test_every_problem_of_a_file_is_reported_at_once(shipped, practice, tmp_path):
    def change(data):
        data["picks"][0]["code"] = "X.1"
        data["picks"][6]["priority"] = "maybe"

    with pytest.raises(CommandError) as refused:
        run("import_role_profile", write(tmp_path, broken(change)))
    assert "pick 1 (X.1)" in str(refused.value) and "pick 7 (REL.2)" in str(refused.value)


def test_a_file_that_is_not_json_is_refused(shipped, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not JSON"):
        run("import_role_profile", str(path))


def test_an_unknown_profile_is_refused(shipped):
    with pytest.raises(CommandError, match="No role profile"):
        run("export_role_profile", "nobody", "--format", "json")
