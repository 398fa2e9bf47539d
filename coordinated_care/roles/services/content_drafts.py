"""An administrator's edits of a framework draft's competency content (ADR 23), and how the draft's
content differs from the published version's.

Every edit locks the draft's row and refuses anything but a draft, as the framework's own edits do
(frameworks.services.versions), so an edit and the draft's publication never interleave: once the
version is published its content is fixed. The first edit of a code copies the content the draft
reads (an earlier version's, with its questions) into a row of the draft's own, then changes that
copy; the earlier version's row is never touched.

Interview questions are named by their position (1, 2, ...), which stays the same when the copy is
made; positions are kept without gaps."""

from dataclasses import dataclass, field

from django.db import transaction

from coordinated_care.frameworks.models import FrameworkVersion, VersionLocked

from ..models import CompetencyContent, InterviewQuestion
from .content import content_by_code

CONTENT_FIELDS = (
    ("responsibility", "Responsibility"),
    ("person_specification", "Person specification"),
    ("evidence_examples", "Examples of evidence"),
    ("appraisal_prompts", "Appraisal and supervision prompts"),
)
QUESTION_FIELDS = ("question", "good_answer", "score_1", "score_2", "score_3", "score_4")


class NoContent(LookupError):
    """The code has no content in this version yet: write its content before its questions."""


def _locked_draft(version):
    version = FrameworkVersion.objects.select_for_update().select_related("framework").get(pk=version.pk)
    if not version.is_draft:
        raise VersionLocked(f"{version} is {version.get_status_display().lower()}; only a draft's content changes.")
    return version


def _own(version, code, *, create_empty=False):
    """The draft's own row for `code`, copied (with its questions) from what it reads if need be."""
    own = CompetencyContent.objects.filter(version=version, code=code).first()
    if own is not None:
        return own
    read = content_by_code(version).get(code)
    if read is None:
        if not create_empty:
            raise NoContent(f"{code} has no content in {version.label.lower()} yet.")
        return CompetencyContent(version=version, code=code)
    questions = list(read.questions.all())
    copy = CompetencyContent.objects.create(
        version=version, code=code, **{name: getattr(read, name) for name, _ in CONTENT_FIELDS}
    )
    InterviewQuestion.objects.bulk_create(
        InterviewQuestion(content=copy, position=q.position, **{name: getattr(q, name) for name in QUESTION_FIELDS})
        for q in questions
    )
    return copy


def _ordered(content):
    return list(content.questions.order_by("position", "pk"))


def _question_at(content, position):
    question = content.questions.filter(position=position).first()
    if question is None:
        raise InterviewQuestion.DoesNotExist(f"{content.code} has no interview question {position}.")
    return question


def _renumber(questions):
    for position, question in enumerate(questions, start=1):
        if question.position != position:
            InterviewQuestion.objects.filter(pk=question.pk).update(position=position)


@transaction.atomic
def update_content(version, code, **fields):
    """Write a draft's content of `code` (the four texts of CONTENT_FIELDS)."""
    version = _locked_draft(version)
    content = _own(version, code, create_empty=True)
    for name, _ in CONTENT_FIELDS:
        setattr(content, name, fields[name])
    content.save()
    return content


@transaction.atomic
def add_question(version, code, **fields):
    """Add an interview question after the others."""
    version = _locked_draft(version)
    content = _own(version, code)
    return InterviewQuestion.objects.create(
        content=content, position=len(_ordered(content)) + 1, **{name: fields[name] for name in QUESTION_FIELDS}
    )


@transaction.atomic
def update_question(version, code, position, **fields):
    version = _locked_draft(version)
    question = _question_at(_own(version, code), position)
    for name in QUESTION_FIELDS:
        setattr(question, name, fields[name])
    question.save()
    return question


@transaction.atomic
def remove_question(version, code, position):
    version = _locked_draft(version)
    content = _own(version, code)
    _question_at(content, position).delete()
    _renumber(_ordered(content))


@transaction.atomic
def move_question(version, code, position, direction):
    """Swap the question at `position` with the one before it ("up") or after it ("down"); at
    either end nothing moves. Returns its new position."""
    version = _locked_draft(version)
    questions = _ordered(_own(version, code))
    index = position - 1
    other = index - 1 if direction == "up" else index + 1
    if not (0 <= index < len(questions) and 0 <= other < len(questions)):
        return position
    questions[index], questions[other] = questions[other], questions[index]
    # Positions are not unique, so the swap needs no spare number.
    _renumber(questions)
    return other + 1


@dataclass
class ContentChange:
    code: str
    # (label, before, after): texts for the content's fields, lists of paragraphs for questions.
    fields: list = field(default_factory=list)


def question_paragraphs(question):
    return [
        question.question,
        f"What a good answer shows: {question.good_answer}",
        *(f"{score}: {text}" for score, text in question.scoring_guide),
    ]


def compare_content(base, draft):
    """The codes whose content `draft` changes from what `base` reads, in code order, each with
    what changed. Four queries, whatever the size of the framework."""
    before, after = content_by_code(base), content_by_code(draft)
    changes = []
    for code in sorted(after):
        new, old = after[code], before.get(code)
        if old is not None and new.pk == old.pk:
            continue  # the draft reads the published content unchanged
        change = ContentChange(code=code)
        for name, label in CONTENT_FIELDS:
            was, now = getattr(old, name, ""), getattr(new, name)
            if was != now:
                change.fields.append((label, was, now))
        old_questions = list(old.questions.all()) if old else []
        new_questions = list(new.questions.all())
        for position in range(1, max(len(old_questions), len(new_questions)) + 1):
            was = question_paragraphs(old_questions[position - 1]) if position <= len(old_questions) else []
            now = question_paragraphs(new_questions[position - 1]) if position <= len(new_questions) else []
            if was != now:
                change.fields.append((f"Interview question {position}", was, now))
        if change.fields:
            changes.append(change)
    return changes
