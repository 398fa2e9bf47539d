"""scripts/check_layers.py (ADR 10): the apps depend downwards only, and the check says so when
they do not. Run as `make lint` runs it, a script without Django, on this tree and on small trees
of files made for each test."""

import importlib.util
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]
SCRIPT = REPOSITORY / "scripts" / "check_layers.py"


def check(root):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root)], capture_output=True, text=True, timeout=60
    )
    return result.returncode, result.stdout + result.stderr


def write(root, files):
    """Each {path under coordinated_care/: source} as a file, with the packages' __init__.py."""
    package = root / "coordinated_care"
    for name, source in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in [package, *path.relative_to(package).parents]:
            (package / folder / "__init__.py").touch()
        path.write_text(textwrap.dedent(source))
    return root


@pytest.fixture
def script():
    spec = importlib.util.spec_from_file_location("check_layers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_apps_of_this_tree_depend_downwards_only():
    returncode, output = check(REPOSITORY)
    assert returncode == 0, output
    assert "Layers hold" in output


def test_a_module_level_import_of_a_higher_app_added_to_a_copy_of_this_tree_fails(tmp_path):
    shutil.copytree(
        REPOSITORY / "coordinated_care",
        tmp_path / "coordinated_care",
        ignore=lambda folder, names: [n for n in names if not n.endswith(".py") and not Path(folder, n).is_dir()],
    )
    assert check(tmp_path)[0] == 0
    (tmp_path / "coordinated_care/programmes/reach_up.py").write_text(
        '"""Reaches up."""\n\nfrom coordinated_care.portfolios.progress import progress_counts\n'
    )

    returncode, output = check(tmp_path)

    assert returncode == 1
    assert (
        "coordinated_care/programmes/reach_up.py:3: programmes (level 5) imports portfolios (level 6) at module level, "
        '"from coordinated_care.portfolios.progress import progress_counts": a lower app never imports a higher one'
    ) in output
    # portfolios imports programmes, so the two now import each other.
    assert "circle between apps portfolios → programmes → portfolios" in output


def test_imports_downwards_pass(tmp_path):
    write(
        tmp_path,
        {
            "portfolios/services.py": "from coordinated_care.programmes.models import Enrolment\n",
            "portfolios/views/overview.py": "from ...programmes import services\nfrom .. import presenters\n",
            "assessments/apps.py": "def ready():\n    from coordinated_care.portfolios import providers\n",
            "homes/views.py": "from coordinated_care import assessments, feedback, portfolios\n",
            "config/urls.py": "from coordinated_care.homes import urls\n",
        },
    )
    assert check(tmp_path) == (0, "Layers hold: 7 imports between apps, all downwards.\n")


@pytest.mark.parametrize(
    "source",
    [
        "from coordinated_care.assessments.services import record_look\n",
        "import coordinated_care.assessments.services\n",
        "from coordinated_care import assessments\n",
        "from ...assessments import services\n",
        "import importlib\nimportlib.import_module('coordinated_care.assessments.services')\n",
        "class Page:\n    from coordinated_care.assessments import presenters\n",
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from coordinated_care.assessments import models\n",
    ],
    ids=["from", "import", "from the package", "relative", "import_module", "class body", "TYPE_CHECKING"],
)
def test_every_way_of_importing_a_higher_app_at_module_level_fails(tmp_path, source):
    write(tmp_path, {"portfolios/views/overview.py": source})

    returncode, output = check(tmp_path)

    assert returncode == 1
    assert "coordinated_care/portfolios/views/overview.py:" in output
    assert "portfolios (level 6) imports assessments (level 7) at module level" in output
    assert "a lower app never imports a higher one" in output


def test_an_import_of_a_higher_app_inside_a_function_fails_unless_it_is_kept(tmp_path, script, monkeypatch):
    write(
        tmp_path,
        {
            "portfolios/progress.py": """\
                def outcomes(ids):
                    from coordinated_care.assessments.models import SignOffRequest

                    return SignOffRequest.objects.filter(enrolment_id__in=ids)
            """
        },
    )

    returncode, output = check(tmp_path)
    assert returncode == 1
    assert (
        "coordinated_care/portfolios/progress.py:2: portfolios (level 6) imports assessments (level 7) inside a "
        'function, "from coordinated_care.assessments.models import SignOffRequest": a lower app reaches a higher one '
        "through a provider the higher one registers"
    ) in output

    kept = ("coordinated_care/portfolios/progress.py", "coordinated_care.assessments.models")
    monkeypatch.setattr(script, "KEPT", {kept: "the reason, written down"})
    assert script.check(tmp_path)[0] == []


def test_two_apps_on_one_level_that_import_each_other_are_refused_and_make_a_circle(tmp_path):
    write(
        tmp_path,
        {
            "assessments/services.py": "from coordinated_care.feedback.models import FeedbackResponse\n",
            "feedback/services.py": "\n\ndef summary():\n    from coordinated_care.assessments import services\n",
        },
    )

    returncode, output = check(tmp_path)

    assert returncode == 1
    assert (
        "coordinated_care/assessments/services.py:1: assessments imports feedback at module level, "
        '"from coordinated_care.feedback.models import FeedbackResponse": apps on one level (level 7) are independent '
        "of each other"
    ) in output
    assert (
        "coordinated_care/feedback/services.py:4: feedback imports assessments inside a function, "
        '"from coordinated_care.assessments import services"'
    ) in output
    assert (
        "circle between apps assessments → feedback → assessments: coordinated_care/assessments/services.py:1 "
        '"from coordinated_care.feedback.models import FeedbackResponse"; coordinated_care/feedback/services.py:4 '
        '"from coordinated_care.assessments import services"'
    ) in output


def test_a_circle_through_three_apps_names_each_link(tmp_path):
    write(
        tmp_path,
        {
            "audit/services.py": "def readers():\n    from coordinated_care.programmes import services\n",
            "programmes/services.py": "from coordinated_care.accounts.models import Role\n",
            "accounts/services.py": "from coordinated_care import audit\n",
        },
    )

    returncode, output = check(tmp_path)

    assert returncode == 1
    assert "circle between apps accounts → audit → programmes → accounts" in output
    assert "audit (level 2) imports programmes (level 5) inside a function" in output


def test_tests_migrations_and_config_are_not_checked(tmp_path):
    write(
        tmp_path,
        {
            "programmes/tests/test_progress.py": "from coordinated_care.portfolios.progress import progress_counts\n",
            "programmes/tests/conftest.py": "from coordinated_care.assessments.models import Review\n",
            "audit/migrations/0001_initial.py": "from coordinated_care.programmes import models\n",
            "config/urls.py": "from coordinated_care.nonprod import views\n",
        },
    )
    assert check(tmp_path)[0] == 0


def test_no_app_imports_the_wiring(tmp_path):
    write(tmp_path, {"accounts/services.py": "from coordinated_care.config.env import env_str\n"})

    returncode, output = check(tmp_path)

    assert returncode == 1
    assert (
        'accounts imports config at module level, "from coordinated_care.config.env import env_str": config is the '
        "wiring, which no app imports"
    ) in output


def test_an_app_missing_from_the_order_is_named(tmp_path):
    write(tmp_path, {"rotas/services.py": "from coordinated_care.accounts.models import User\n"})

    returncode, output = check(tmp_path)

    assert returncode == 1
    assert "coordinated_care/rotas:0: rotas is not in the order: add it to LAYERS in scripts/check_layers.py" in output


def test_a_root_without_the_package_is_an_error(tmp_path):
    returncode, output = check(tmp_path)
    assert returncode == 2
    assert "No coordinated_care package" in output
