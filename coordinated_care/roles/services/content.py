"""The content documents are built from (models/content.py), and the level descriptors.

load_shipped_content() loads data/competency-content.json once; what an administrator has edited
since is never overwritten."""

import json
from functools import cache
from pathlib import Path

from django.db import transaction

from coordinated_care.frameworks.models import Framework

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
    if framework is None:
        return 0
    known = set(CompetencyContent.objects.filter(framework=framework).values_list("code", flat=True))
    added = 0
    for code, entry in data["content"].items():
        if code in known:
            continue
        content = CompetencyContent.objects.create(
            framework=framework,
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


def content_by_code(framework):
    """{code: CompetencyContent} with its questions, in two queries."""
    entries = CompetencyContent.objects.filter(framework=framework).prefetch_related("questions")
    return {entry.code: entry for entry in entries}


def level_descriptors():
    """[(level, label, descriptor)] in rising order, in one query; a level an administrator has not
    described yet has an empty descriptor."""
    stored = dict(LevelDescriptor.objects.values_list("level", "descriptor"))
    return [(level.value, level.label, stored.get(level.value, "")) for level in Level]
