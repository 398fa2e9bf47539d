"""A framework version's competency content (ADR 23): each version reads its own or an earlier
published version's, a draft's edits are its own copy, publishing makes them the published content
and leaves the previous version's as it was; the pages an administrator edits it on, which nobody
else finds; role profiles on each version read that version's content."""

import json

import pytest
from django.urls import reverse

from conftest import ANONYMOUS, NOT_ALLOWED, PERSONAS, Access, check_access
from coordinated_care.frameworks import services as frameworks
from coordinated_care.frameworks.models import VersionLocked
from coordinated_care.frameworks.services.drafts import start_draft
from coordinated_care.roles import services
from coordinated_care.roles.documents.builders import build, source_for
from coordinated_care.roles.models import CompetencyContent, InterviewQuestion
from coordinated_care.roles.services.content_drafts import (
    NoContent,
    add_question,
    compare_content,
    move_question,
    remove_question,
    update_content,
    update_question,
)
from coordinated_care.roles.tests.conftest import PROFILE_FILE

SLUG = "making-sense-of-coordinated-care"
FIELDS = {
    "responsibility": "Agree with each person how and when they want to be contacted.",
    "person_specification": "Keeps in touch in the ways people choose.",
    "evidence_examples": "A contact plan agreed with a person\nA note of a call returned",
    "appraisal_prompts": "How did you agree contact with people this quarter?",
}
QUESTION = {
    "question": "Tell us about a time you changed how you kept in touch with someone.",
    "good_answer": "Asks the person, and follows what they said.",
    "score_1": "No example.",
    "score_2": "An example, without asking the person.",
    "score_3": "Asked the person and followed it.",
    "score_4": "Asked, followed and reviewed it with them.",
}


def responsibility(version, code="COM.1"):
    return services.content_by_code(version)[code].responsibility


def questions(version, code="COM.1"):
    return [q.question for q in services.content_by_code(version)[code].questions.all()]


def snapshot(version):
    """What a version reads: every code's texts and questions."""
    return {
        code: (
            entry.pk,
            entry.responsibility,
            entry.person_specification,
            [(q.position, q.question) for q in entry.questions.all()],
        )
        for code, entry in services.content_by_code(version).items()
    }


# The rules


def test_a_new_draft_reads_the_published_content_and_compares_as_unchanged(shipped):
    draft = start_draft(shipped.framework)
    assert snapshot(draft) == snapshot(shipped)
    assert compare_content(shipped, draft) == []
    assert not CompetencyContent.objects.filter(version=draft).exists()


def test_a_drafts_edit_is_its_own_copy_and_the_published_version_keeps_its_content(shipped):
    before = snapshot(shipped)
    draft = start_draft(shipped.framework)
    update_content(draft, "COM.1", **FIELDS)
    add_question(draft, "COM.1", **QUESTION)
    assert snapshot(shipped) == before
    assert responsibility(draft) == FIELDS["responsibility"]
    assert questions(draft)[-1] == QUESTION["question"]
    assert len(questions(draft)) == len(before["COM.1"][3]) + 1
    # The copy is of COM.1 only: every other code is still read from version 1.
    assert list(CompetencyContent.objects.filter(version=draft).values_list("code", flat=True)) == ["COM.1"]


def test_questions_are_added_changed_moved_and_removed_by_position(shipped):
    draft = start_draft(shipped.framework)
    first, second = questions(shipped)
    add_question(draft, "COM.1", **QUESTION)
    assert questions(draft) == [first, second, QUESTION["question"]]
    assert move_question(draft, "COM.1", 3, "up") == 2
    assert questions(draft) == [first, QUESTION["question"], second]
    assert move_question(draft, "COM.1", 1, "up") == 1  # at the top nothing moves
    update_question(draft, "COM.1", 1, **dict(QUESTION, question="Reworded."))
    remove_question(draft, "COM.1", 2)
    assert questions(draft) == ["Reworded.", second]
    positions = CompetencyContent.objects.get(version=draft, code="COM.1").questions.values_list("position", flat=True)
    assert list(positions) == [1, 2]
    assert questions(shipped) == [first, second]


def test_the_comparison_names_each_changed_text_and_question(shipped):
    draft = start_draft(shipped.framework)
    update_content(draft, "COM.1", **FIELDS)
    add_question(draft, "COM.1", **QUESTION)
    update_content(
        draft, "REL.2", **{name: getattr(services.content_by_code(shipped)["REL.2"], name) for name in FIELDS}
    )
    [change] = compare_content(shipped, draft)  # REL.2 saved unchanged is not a change
    assert change.code == "COM.1"
    labels = [label for label, _, _ in change.fields]
    assert labels == [
        "Responsibility",
        "Person specification",
        "Examples of evidence",
        "Appraisal and supervision prompts",
        "Interview question 3",
    ]
    label, before, after = change.fields[-1]
    assert before == [] and after[0] == QUESTION["question"]


def test_publishing_makes_the_drafts_content_the_published_one_and_it_never_changes_again(shipped):
    before = snapshot(shipped)
    draft = start_draft(shipped.framework)
    update_content(draft, "COM.1", **FIELDS)
    frameworks.publish(draft)
    assert responsibility(draft) == FIELDS["responsibility"]
    assert snapshot(shipped) == before
    for call in (
        lambda: update_content(draft, "COM.1", **FIELDS),
        lambda: update_content(shipped, "COM.1", **FIELDS),
        lambda: add_question(draft, "COM.1", **QUESTION),
        lambda: remove_question(draft, "COM.1", 1),
        lambda: move_question(draft, "COM.1", 1, "down"),
        lambda: update_question(shipped, "COM.1", 1, **QUESTION),
    ):
        with pytest.raises(VersionLocked):
            call()
    # The models refuse too, as a second line.
    published = CompetencyContent.objects.get(version=shipped, code="COM.1")
    published.responsibility = "Changed behind the services' back."
    with pytest.raises(VersionLocked):
        published.save()
    with pytest.raises(VersionLocked):
        published.questions.first().delete()
    assert snapshot(shipped) == before
    # The next draft reads version 2's COM.1 and version 1's everything else.
    third = start_draft(shipped.framework)
    assert responsibility(third) == FIELDS["responsibility"]
    assert services.content_by_code(third)["REL.2"].version_id == shipped.pk


def test_another_draft_is_never_read(shipped):
    draft = start_draft(shipped.framework)
    update_content(draft, "COM.1", **FIELDS)
    # A later version (say an import) numbered after the draft reads only published content.
    imported = frameworks.new_version_from(shipped)
    assert responsibility(imported) == responsibility(shipped)


def test_questions_need_content_first(shipped):
    draft = start_draft(shipped.framework)
    frameworks.add_item(
        draft,
        kind="competency",
        code="COM.9",
        title="Digital",
        description="Uses apps.",
        parent=draft.items.get(code="COM"),
    )
    with pytest.raises(NoContent):
        add_question(draft, "COM.9", **QUESTION)
    update_content(draft, "COM.9", **FIELDS)
    add_question(draft, "COM.9", **QUESTION)
    assert questions(draft, "COM.9") == [QUESTION["question"]]
    [change] = compare_content(shipped, draft)
    assert change.code == "COM.9" and change.fields[0] == ("Responsibility", "", FIELDS["responsibility"])


def test_role_profiles_on_each_version_read_that_versions_content(shipped, published_profile):
    on_old = services.current_version(published_profile)
    old = build("job-description", source_for(on_old)).text
    draft = start_draft(shipped.framework)
    update_content(draft, "COM.1", **FIELDS)
    assert FIELDS["responsibility"] not in build("job-description", source_for(on_old)).text
    frameworks.publish(draft)
    # A profile built from version 2 says what its draft said.
    data = json.loads(PROFILE_FILE.read_text(encoding="utf-8"))
    on_new = services.draft_of(services.import_profile(json.dumps(dict(data, framework_version=draft.number))))
    assert on_new.framework_version == draft
    new = build("job-description", source_for(on_new)).text
    assert FIELDS["responsibility"] in new and responsibility(shipped) not in new
    # The profile on version 1 says what it said before.
    assert build("job-description", source_for(on_old)).text == old
    assert responsibility(shipped) in old


# The pages


def content_url(name="content", number=2, code="COM.1", **kwargs):
    return reverse(f"roles:{name}", kwargs={"slug": SLUG, "number": number, "code": code, **kwargs})


PAGES = [
    ("content", {}, FIELDS),
    ("add_question", {}, QUESTION),
    ("edit_question", {"position": 1}, QUESTION),
    ("remove_question", {"position": 1}, {}),
    ("move_question", {"position": 1}, {"direction": "down"}),
]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "administrator"] + [ANONYMOUS])
def test_nobody_but_an_administrator_finds_the_content_pages_or_changes_the_content(persona, request, shipped):
    draft = start_draft(shipped.framework)
    for name, kwargs, data in PAGES:
        check_access(
            request,
            persona,
            content_url(name, **kwargs),
            Access(
                readers={"administrator"},
                get=NOT_ALLOWED if name == "move_question" else {"administrator"},
                post={"administrator"},
            ),
            data=data,
            state=lambda: (snapshot(draft), snapshot(shipped), InterviewQuestion.objects.count()),
        )


def test_a_published_version_has_no_content_pages(signed_in, administrator, shipped):
    client = signed_in(administrator)
    before = snapshot(shipped)
    for name, kwargs, data in PAGES:
        if name != "move_question":
            assert client.get(content_url(name, number=1, **kwargs)).status_code == 404, name
        assert client.post(content_url(name, number=1, **kwargs), data).status_code == 404, name
    assert snapshot(shipped) == before


def test_a_domain_or_theme_has_no_content_page(signed_in, administrator, shipped):
    start_draft(shipped.framework)
    assert signed_in(administrator).get(content_url(code="COM")).status_code == 404


def test_the_draft_page_links_each_competency_to_its_content(signed_in, administrator, shipped):
    start_draft(shipped.framework)
    page = signed_in(administrator).get(reverse("framework:draft", kwargs={"slug": SLUG, "number": 2}))
    html = page.content.decode()
    assert content_url() in html and content_url(code="REL.1.1") in html
    assert content_url(code="COM") not in html


def test_an_administrator_edits_the_content_and_the_compare_page_shows_it(signed_in, administrator, shipped):
    start_draft(shipped.framework)
    client = signed_in(administrator)
    page = client.get(content_url()).content.decode()
    assert "uses the content of version 1" in page and "Build rapport quickly" in page
    assert client.post(content_url(), FIELDS)["Location"] == content_url()
    assert client.post(content_url("add_question"), QUESTION).status_code == 302
    page = client.get(content_url()).content.decode()
    assert "the draft&#39;s own words" in page.lower() or "draft's own words" in page
    assert QUESTION["question"] in page
    compared = client.get(reverse("framework:compare", kwargs={"slug": SLUG, "number": 2})).content.decode()
    assert "Role profile content" in compared and "1 changed." in compared
    assert FIELDS["responsibility"] in compared and QUESTION["question"] in compared
    published = client.post(reverse("framework:publish", kwargs={"slug": SLUG, "number": 2}))
    assert published.status_code == 302
    assert client.get(content_url()).status_code == 404
    assert responsibility(shipped).startswith("Build rapport quickly")


def test_empty_or_identifying_content_is_refused_in_the_error_summary(signed_in, administrator, shipped):
    draft = start_draft(shipped.framework)
    client = signed_in(administrator)
    page = client.post(content_url(), dict(FIELDS, responsibility=""))
    html = page.content.decode()
    assert page.status_code == 200 and "nhsuk-error-summary" in html and "Enter the responsibility" in html
    page = client.post(content_url(), dict(FIELDS, responsibility="Call NHS number 943 476 5919 back."))
    assert page.status_code == 200 and "nhsuk-error-summary" in page.content.decode()
    page = client.post(content_url("add_question"), dict(QUESTION, good_answer=""))
    assert page.status_code == 200 and "Enter what a good answer shows" in page.content.decode()
    assert not CompetencyContent.objects.filter(version=draft).exists()


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_content_and_compare_pages_cost_the_same_queries_however_much_changed(signed_in, administrator, shipped):
    draft = start_draft(shipped.framework)
    client = signed_in(administrator)
    compare_url = reverse("framework:compare", kwargs={"slug": SLUG, "number": 2})
    update_content(draft, "COM.1", **FIELDS)
    one = (_queries(client, compare_url), _queries(client, content_url()))
    for code in ("COM.2", "REL.2", "CL.1"):
        update_content(draft, code, **FIELDS)
        add_question(draft, code, **QUESTION)
    add_question(draft, "COM.1", **QUESTION)
    add_question(draft, "COM.1", **QUESTION)
    # The content adds five queries to the compare page (what each version reads, two each, and
    # the draft's titles); the content page reads the draft, its item and what it reads.
    assert (_queries(client, compare_url), _queries(client, content_url())) == one == (13, 8)
