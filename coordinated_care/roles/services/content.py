"""The content documents are built from (models/content.py), and the level descriptors.

A framework version's content (ADR 23): for each code, the version's own row, or else the row of
the newest published or retired version before it that has one. Drafts other than the one read are
never looked at, so a draft's edits reach nobody until it is published.

load_shipped_content() loads data/competency-content.json once; what an administrator has edited
since is never overwritten."""

import json
from functools import cache
from pathlib import Path

from django.db import transaction
from django.db.models import Q, prefetch_related_objects

from coordinated_care.frameworks.models import Framework, FrameworkVersion

from ..models import CompetencyContent, InterviewQuestion, Level, LevelDescriptor

SHIPPED_CONTENT = Path(__file__).resolve().parents[1] / "data" / "competency-content.json"


@cache
def shipped_content():
    return json.loads(SHIPPED_CONTENT.read_text(encoding="utf-8"))


@transaction.atomic
def load_shipped_content():
    """Level descriptors and the content of every competency and component of the shipped
    framework, for those not there yet. Returns how many content entries were added."""
    data = shipped_content()
    for level, descriptor in data["levels"].items():
        LevelDescriptor.objects.get_or_create(level=level, defaults={"descriptor": descriptor})
    framework = Framework.objects.filter(slug=data["framework"]).first()
    version = first_version(framework) if framework else None
    if version is None:
        return 0
    # What any version already has (an administrator's edit included) is left as it is; what none
    # has goes to the first version, so that every version reads it.
    known = set(CompetencyContent.objects.filter(version__framework=framework).values_list("code", flat=True))
    added = 0
    for code, entry in data["content"].items():
        if code in known:
            continue
        content = CompetencyContent.objects.create(
            version=version,
            code=code,
            responsibility=entry["responsibility"],
            person_specification=entry["person_specification"],
            evidence_examples="\n".join(entry["evidence_examples"]),
            appraisal_prompts="\n".join(entry["appraisal_prompts"]),
        )
        InterviewQuestion.objects.bulk_create(
            InterviewQuestion(
                content=content,
                position=position,
                question=question["question"],
                good_answer=question["good_answer"],
                score_1=question["scoring_guide"][0],
                score_2=question["scoring_guide"][1],
                score_3=question["scoring_guide"][2],
                score_4=question["scoring_guide"][3],
            )
            for position, question in enumerate(entry["interview_questions"], start=1)
        )
        added += 1
    return added


def first_version(framework):
    """Where content that no version has yet goes: the first published (or retired) version, or
    the first version when none is published."""
    versions = framework.versions.order_by("number")
    return versions.exclude(status=FrameworkVersion.Status.DRAFT).first() or versions.first()


def content_rows(version):
    """The rows `version` reads, newest first for each code: its own and those of the published
    or retired versions before it."""
    return (
        CompetencyContent.objects.filter(
            version__framework_id=version.framework_id, version__number__lte=version.number
        )
        .filter(Q(version_id=version.pk) | ~Q(version__status=FrameworkVersion.Status.DRAFT))
        .order_by("code", "-version__number")
    )


def content_by_code(version):
    """{code: CompetencyContent} that the framework version `version` reads, with its questions,
    in two queries."""
    chosen = {}
    for entry in content_rows(version):
        chosen.setdefault(entry.code, entry)
    prefetch_related_objects(list(chosen.values()), "questions")
    return chosen


def level_descriptors():
    """[(level, label, descriptor)] in rising order, in one query; a level an administrator has not
    described yet has an empty descriptor."""
    stored = dict(LevelDescriptor.objects.values_list("level", "descriptor"))
    return [(level.value, level.label, stored.get(level.value, "")) for level in Level]
