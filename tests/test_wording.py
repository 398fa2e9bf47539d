"""One name per concept on screens (issue 9, item 6): the person on a programme building a portfolio
is the "learner", and the practice-based facilitator is the "facilitator", never the "assessor".

"Care coordinator" stays only where it names the job: the role an employer recruits to, the
title of the Portfolio Document's duties, a name and its job title on what patients and staff
without an account are given, and the Portfolio Document's own questions quoted word for word.
Those uses are the short lists below, each with its reason; any other "coordinator" in a template
or in a string of the service's code fails here, so the mix cannot drift back.

Read: every template (`jinja2/` and `templates/` folders) and every string literal of the apps'
Python but docstrings, tests, migrations and the demo's synthetic people. Left out, with reason:
the confidentiality guard's recognisers (their word lists read what people write, "my assessor"
included, and never show it) and the data files of the framework, programme and role builder
(the source documents quoted)."""

import ast
import re
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parent.parent / "coordinated_care"

# Phrases in which "care coordinator" names the job, or quotes the Portfolio Document: (phrase, why).
JOB_PHRASES = (
    ("care coordinator responsibilities", "the Portfolio Document's title for the duties of the job"),
    ("as a care coordinator", "the job the learner does, whose duties they acknowledge"),
    ("training as a care coordinator", "the job, told to a patient or colleague asked for feedback"),
    ("is a care coordinator", "the job, told to a patient or colleague asked for feedback"),
    (", care coordinator", "a name and its job title, on the forms, cards and e-mails of feedback"),
    ("feedback on a care coordinator", "the public feedback form's name: patients know the job"),
    ("the way the care coordinator", "the Portfolio Document's patient feedback questions"),
    ("what did the care coordinator do well", "the Portfolio Document's feedback question"),
    ("what could the care coordinator have done differently", "the Portfolio Document's feedback question"),
    ("input the care coordinator has had", "the Portfolio Document's ongoing feedback column"),
    ("the care coordinator’s learning", "the Portfolio Document's 'key person in the care coordinator's learning'"),
    ("care coordinators learning", "the Portfolio Document's feedback introduction, word for word"),
    ("the care coordinator or the practice", "a patient asking for a new feedback card: the job they know"),
    ("all questions are about the care coordinator", "the patient feedback form: the job they know"),
    ("names i have used are of the care coordinator", "the public feedback form's tick: the job they know"),
    ("what the care coordinator did with you", "the colleague feedback form's hint: the job they know"),
    ("the words care coordinators use", "evidence examples written in the words of people in the job"),
    ("care coordinator, care navigator", "the role builder's starting points, jobs an employer recruits to"),
    ("discharge coordinator", "a job, one of the role builder's starting points"),
    ("'care coordinator'", "the role builder's example of a job title"),
    ("care coordinator portfolio", "the service's name"),
)

# Modules holding the Portfolio Document's text word for word (its duties, its introduction, its
# feedback form, its final review checklist); they may use its words.
QUOTING = {
    "accounts/responsibilities.py",
    "reports/document/wording.py",
    "feedback/questions.py",
    "assessments/services/review_kinds.py:FINAL_CHECKLIST",
}
# What the guard's recognisers read in what people write: vocabulary, never shown.
NOT_SHOWN = ("confidentiality/recognisers/", "confidentiality/colleagues.py", "nonprod/")

# "coordinator" or "assessor" as a word, not inside a name such as `coordinator_name` or a slug.
WORDS = re.compile(r"(?<![\w-])(co-?ordinators?|assessors?)(?![\w-])", re.IGNORECASE)
# The Portfolio Document's sentences in a template, between quotation marks: quoted, not our words.
QUOTATION = re.compile(r"“[^”]*”|\"should be aware[^\"]*\"")
# Stored values kept for the records already made with them (ADR 7): a signature's capacity.
STORED_VALUES = {"coordinator"}


def _without_allowed(text):
    lowered = text.lower()
    for phrase, _why in JOB_PHRASES:
        lowered = lowered.replace(phrase, " ")
    return lowered


def _offending(text):
    words = WORDS.findall(_without_allowed(text))
    return [w for w in words if "assessor" in w.lower() or "ordinator" in w.lower()]


def _templates():
    for path in sorted(APPS.rglob("*")):
        parts = path.relative_to(APPS).parts
        if path.suffix in {".jinja", ".html", ".txt"} and ("jinja2" in parts or "templates" in parts):
            yield path


def _python_modules():
    for path in sorted(APPS.rglob("*.py")):
        relative = path.relative_to(APPS).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in relative or relative.startswith(NOT_SHOWN):
            continue
        if relative in QUOTING:
            continue
        yield path, relative


def _docstrings(tree):
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _quoted_constants(tree, relative):
    """The string nodes under an assignment that QUOTING names as `module:NAME`."""
    names = {entry.split(":", 1)[1] for entry in QUOTING if entry.startswith(f"{relative}:")}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in names for t in node.targets):
            found |= {id(n) for n in ast.walk(node.value) if isinstance(n, ast.Constant)}
    return found


def _strings(path, relative):
    tree = ast.parse(path.read_text(), filename=str(path))
    skipped = _docstrings(tree) | _quoted_constants(tree, relative)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            if node.value not in STORED_VALUES:
                yield node.lineno, node.value


def test_templates_call_the_person_on_a_programme_the_learner():
    found = []
    for path in _templates():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            words = _offending(QUOTATION.sub(" ", line))
            if words:
                found.append(f"{path.relative_to(APPS)}:{number}: {line.strip()[:140]}")
    assert found == [], "Say 'learner' (or 'facilitator') here, or add a job-title phrase with its reason"


def test_the_services_strings_call_the_person_on_a_programme_the_learner():
    found = []
    for path, relative in _python_modules():
        for number, text in _strings(path, relative):
            if _offending(text):
                found.append(f"{relative}:{number}: {text[:140]!r}")
    assert found == [], "Say 'learner' (or 'facilitator') here, or add a job-title phrase with its reason"


@pytest.mark.parametrize(
    "text",
    [
        "No care coordinators are assigned to you yet.",
        "The care coordinator's critical reflection",
        "Assessors signature",
        "the assessor",
        "Co-ordinator",
    ],
)
def test_the_old_words_are_caught(text):
    assert _offending(text)


@pytest.mark.parametrize(
    "text",
    [
        "Your responsibilities as a care coordinator",
        "Sam, care coordinator",
        "How happy were you with the way the care coordinator listened?",
        "{{ feedback_request.coordinator_name }}",
        "{{ pd.careCoordinator() }} /responsibilities/care-coordinator/",
    ],
)
def test_a_job_title_and_a_name_in_code_pass(text):
    assert not _offending(text)
