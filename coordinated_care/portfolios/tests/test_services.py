import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Draft, Entry, EntryVersion, content_hash
from coordinated_care.programmes.models import Criterion

CASE_STUDY = {
    "title": "Case study 1: leaving hospital",
    "overview": "An older person living alone needed support after a hospital stay.",
    "coordination": "I arranged a review with the community team and a befriending service.",
    "outcomes": "They felt supported at home; I learned to check transport needs earlier.",
}


def test_creating_an_entry_keeps_its_first_version(enrolment, learner):
    entry = services.create_entry(enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=learner)
    assert entry.title == "Case study 1: leaving hospital"
    version = entry.versions.get()
    assert version.number == 1 and version.content == CASE_STUDY
    assert version.content_hash == content_hash(CASE_STUDY)


def test_updating_keeps_earlier_versions(enrolment, learner):
    entry = services.create_entry(enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=learner)
    changed = {**CASE_STUDY, "outcomes": "They now go to a weekly lunch club."}
    entry = services.update_entry(entry, content=changed, user=learner, seen_version=1)
    assert entry.version == 2
    assert [v.content["outcomes"] for v in EntryVersion.objects.filter(entry=entry).order_by("number")] == [
        CASE_STUDY["outcomes"],
        changed["outcomes"],
    ]


def test_saving_the_same_content_makes_no_new_version(enrolment, learner):
    entry = services.create_entry(enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=learner)
    entry = services.update_entry(entry, content=dict(CASE_STUDY), user=learner, seen_version=1)
    assert entry.version == 1 and entry.versions.count() == 1


def test_a_stale_save_is_refused(enrolment, learner):
    entry = services.create_entry(enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=learner)
    services.update_entry(entry, content={**CASE_STUDY, "overview": "First tab"}, user=learner, seen_version=1)
    with pytest.raises(services.StaleEdit):
        services.update_entry(entry, content={**CASE_STUDY, "overview": "Second tab"}, user=learner, seen_version=1)
    entry.refresh_from_db()
    assert entry.content["overview"] == "First tab"


@pytest.mark.parametrize("persona", ["assessor", "supervisor", "programme_lead", "other_learner"])
def test_only_the_learner_writes_their_portfolio(enrolment, persona, request):
    with pytest.raises(PermissionDenied):
        services.create_entry(
            enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=request.getfixturevalue(persona)
        )
    assert not Entry.objects.exists()


def test_actions_keep_their_due_date_and_status(enrolment, learner):
    due = datetime.date(2026, 1, 5)
    action = services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content={"area_of_focus": "Digital signposting", "actions": "Shadow", "help": "PBF", "success_measure": "Sign-off", "due_on": due},
    )
    assert action.due_on == due and action.status == Entry.Status.OPEN
    assert action.content["due_on"] == "2026-01-05"
    action = services.update_entry(action, content=action.content, user=learner, seen_version=1, status="done")
    assert action.status == Entry.Status.DONE and action.version == 2


def test_evidence_links_need_to_say_how_and_belong_to_the_programme(enrolment, learner):
    entry = services.create_entry(enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=learner)
    criterion = Criterion.objects.get(programme=enrolment.cohort.programme, code="PC1")
    with pytest.raises(ValidationError):
        services.link_evidence(entry, criterion=criterion, how_it_shows="  ", user=learner)
    link = services.link_evidence(entry, criterion=criterion, how_it_shows="Three conversations.", user=learner)
    again = services.link_evidence(entry, criterion=criterion, how_it_shows="Four conversations.", user=learner)
    assert link.pk == again.pk and again.how_it_shows == "Four conversations."


def test_saving_removes_the_draft(enrolment, learner):
    services.save_draft(user=learner, key="case_study:new", data={"overview": "half written"})
    services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=learner, draft_key="case_study:new"
    )
    assert not Draft.objects.exists()
