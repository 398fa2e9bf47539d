"""The content documents are built from: every competency and component of the shipped framework
has all of it, and loading it again never overwrites an administrator's edits."""

import pytest

from coordinated_care.frameworks.models import FrameworkItem
from coordinated_care.roles.models import CompetencyContent, LevelDescriptor
from coordinated_care.roles.services import content_by_code, level_descriptors, load_shipped_content
from coordinated_care.roles.services.specs import PICKABLE

pytestmark = pytest.mark.django_db


def test_every_competency_and_component_of_the_shipped_framework_has_its_content(shipped):
    codes = set(FrameworkItem.objects.filter(version=shipped, kind__in=PICKABLE).values_list("code", flat=True))
    content = content_by_code(shipped.framework)
    assert len(codes) == 29
    missing = sorted(codes - set(content))
    assert not missing, f"no content for {missing}"
    for code in codes:
        entry = content[code]
        assert entry.responsibility.strip() and entry.person_specification.strip(), code
        assert entry.evidence_lines and entry.appraisal_lines, code
        questions = list(entry.questions.all())
        assert questions, code
        for question in questions:
            assert question.question.strip() and question.good_answer.strip(), code
            assert all(text.strip() for _, text in question.scoring_guide), code
    assert not set(content) - codes, "content for codes the framework does not have"


def test_each_level_has_a_descriptor(shipped):
    assert [(level, bool(text)) for level, _, text in level_descriptors()] == [
        ("aware", True),
        ("practising", True),
        ("leading", True),
    ]


def test_loading_again_adds_nothing_and_keeps_an_administrators_edits(shipped):
    entry = CompetencyContent.objects.get(code="COM.1")
    entry.responsibility = "Edited by an administrator."
    entry.save()
    LevelDescriptor.objects.filter(level="aware").update(descriptor="Edited.")
    assert load_shipped_content() == 0
    assert CompetencyContent.objects.get(code="COM.1").responsibility == "Edited by an administrator."
    assert LevelDescriptor.objects.get(level="aware").descriptor == "Edited."


def test_administrators_edit_content_in_the_django_admin(shipped, administrator, signed_in):
    client = signed_in(administrator)
    entry = CompetencyContent.objects.get(code="REL.2")
    page = client.get(f"/admin/roles/competencycontent/{entry.pk}/change/")
    assert (
        page.status_code == 200 and "Facilitate transitions" not in "" and "interview" in page.content.decode().lower()
    )
    assert client.get("/admin/roles/leveldescriptor/").status_code == 200
