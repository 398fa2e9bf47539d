"""The content documents are built from: every competency and component of the shipped framework
has all of it, and loading it again never overwrites an administrator's edits."""

import pytest

from coordinated_care.frameworks.models import FrameworkItem
from coordinated_care.frameworks.services.drafts import start_draft
from coordinated_care.roles.models import CompetencyContent, LevelDescriptor
from coordinated_care.roles.services import content_by_code, level_descriptors, load_shipped_content
from coordinated_care.roles.services.content_drafts import update_content
from coordinated_care.roles.services.specs import PICKABLE

pytestmark = pytest.mark.django_db

FIELDS = {
    "responsibility": "A responsibility.",
    "person_specification": "A line.",
    "evidence_examples": "An example.",
    "appraisal_prompts": "A prompt.",
}


def test_every_competency_and_component_of_the_shipped_framework_has_its_content(shipped):
    codes = set(FrameworkItem.objects.filter(version=shipped, kind__in=PICKABLE).values_list("code", flat=True))
    content = content_by_code(shipped)
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
    draft = start_draft(shipped.framework)
    update_content(draft, "COM.1", **dict(FIELDS, responsibility="Edited by an administrator."))
    LevelDescriptor.objects.filter(level="aware").update(descriptor="Edited.")
    assert load_shipped_content() == 0
    assert content_by_code(draft)["COM.1"].responsibility == "Edited by an administrator."
    assert content_by_code(shipped)["COM.1"].responsibility.startswith("Build rapport")
    assert LevelDescriptor.objects.get(level="aware").descriptor == "Edited."


def test_the_django_admin_shows_a_published_versions_content_and_changes_only_a_drafts(
    shipped, administrator, signed_in
):
    client = signed_in(administrator)
    published = CompetencyContent.objects.get(version=shipped, code="REL.2")
    page = client.get(f"/admin/roles/competencycontent/{published.pk}/change/")
    assert page.status_code == 200 and "interview" in page.content.decode().lower()
    assert 'name="responsibility"' not in page.content.decode()
    draft = start_draft(shipped.framework)
    own = update_content(draft, "REL.2", **FIELDS)
    page = client.get(f"/admin/roles/competencycontent/{own.pk}/change/")
    assert page.status_code == 200 and 'name="responsibility"' in page.content.decode()
    assert client.get("/admin/roles/leveldescriptor/").status_code == 200
