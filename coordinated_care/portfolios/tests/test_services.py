import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coordinated_care.core.canonical import canonical_hash
from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Draft, Entry, EntryVersion
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
    assert version.content_hash == canonical_hash(CASE_STUDY)


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


@pytest.mark.parametrize("persona", ["facilitator", "supervisor", "programme_lead", "other_learner"])
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
        content={
            "area_of_focus": "Digital signposting",
            "actions": "Shadow",
            "help": "PBF",
            "success_measure": "Sign-off",
            "due_on": due,
        },
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


# Evidence, actions, the worksheet, workshop notes, training and drafts.

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from coordinated_care.portfolios import drafts  # noqa: E402
from coordinated_care.portfolios.models import Attachment, EvidenceLink  # noqa: E402
from coordinated_care.programmes.models import AccreditedTraining, Workshop  # noqa: E402
from coordinated_care.programmes.tests.factories import CohortFactory  # noqa: E402

from .builders import action_content, add_case_study, pdf  # noqa: E402


def test_evidence_links_are_set_together(enrolment, learner, criteria):
    entry = add_case_study(enrolment, learner, criteria=criteria[:2])
    services.set_evidence_links(entry, links={criteria[1]: "  Reworded  ", criteria[2]: "New"}, user=learner)
    links = {link.criterion.code: link.how_it_shows for link in EvidenceLink.objects.filter(entry=entry)}
    assert links == {criteria[1].code: "Reworded", criteria[2].code: "New"}


def test_evidence_needs_how_it_shows_and_is_all_or_nothing(enrolment, learner, criteria):
    entry = add_case_study(enrolment, learner, criteria=criteria[:1])
    with pytest.raises(ValidationError):
        services.set_evidence_links(entry, links={criteria[1]: "Fine", criteria[2]: "  "}, user=learner)
    assert list(EvidenceLink.objects.filter(entry=entry).values_list("criterion", flat=True)) == [criteria[0].pk]


def test_evidence_is_only_for_the_programmes_criteria(enrolment, learner, criteria):
    entry = add_case_study(enrolment, learner)
    other_programme_criterion = Criterion(pk=10**9, programme_id=criteria[0].programme_id + 1000, code="X1")
    with pytest.raises(ValidationError):
        services.set_evidence_links(entry, links={other_programme_criterion: "x"}, user=learner)


@pytest.mark.parametrize("persona", ["facilitator", "supervisor", "programme_lead"])
def test_only_the_learner_links_evidence(enrolment, learner, criteria, persona, request):
    entry = add_case_study(enrolment, learner)
    with pytest.raises(PermissionDenied):
        services.set_evidence_links(entry, links={criteria[0]: "x"}, user=request.getfixturevalue(persona))


def test_an_action_is_marked_done_and_reopened_as_new_versions(enrolment, learner):
    action = services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.ACTION, user=learner, content=action_content(datetime.date(2026, 1, 5))
    )
    action = services.set_action_status(action, status=Entry.Status.DONE, user=learner, seen_version=1)
    assert action.status == Entry.Status.DONE and action.version == 2
    action = services.set_action_status(action, status=Entry.Status.OPEN, user=learner, seen_version=2)
    assert action.status == Entry.Status.OPEN and action.version == 3
    with pytest.raises(services.StaleEdit):
        services.set_action_status(action, status=Entry.Status.DONE, user=learner, seen_version=2)


def test_only_actions_are_marked_done(enrolment, learner):
    entry = add_case_study(enrolment, learner)
    with pytest.raises(ValidationError):
        services.set_action_status(entry, status=Entry.Status.DONE, user=learner, seen_version=1)


def test_the_worksheet_is_one_entry_filled_in_over_time(enrolment, learner):
    names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    worksheet = services.save_values_worksheet(
        enrolment,
        answers={names[0]: {"what": " It is ", "why": "", "practice": ""}, "Not a value": {"what": "x"}},
        user=learner,
    )
    assert worksheet.content == {"values": {names[0]: {"what": "It is"}}}
    assert worksheet.title == "Key values of person-centred care worksheet"
    worksheet = services.save_values_worksheet(
        enrolment,
        answers={names[0]: {"what": "It is", "why": "Because"}, names[1]: {"practice": "Daily"}},
        user=learner,
        seen_version=1,
    )
    assert worksheet.version == 2
    assert worksheet.content["values"][names[1]] == {"practice": "Daily"}
    assert Entry.objects.filter(enrolment=enrolment, kind=Entry.Kind.VALUES_WORKSHEET).count() == 1


def test_a_second_new_worksheet_is_a_stale_edit_not_a_second_worksheet(enrolment, learner):
    services.save_values_worksheet(enrolment, answers={}, user=learner)
    with pytest.raises(services.StaleEdit):
        services.save_values_worksheet(enrolment, answers={"Choice": {"what": "x"}}, user=learner, seen_version=0)
    with pytest.raises(services.StaleEdit):
        services.save_values_worksheet(enrolment, answers={"Choice": {"what": "x"}}, user=learner, seen_version=None)
    assert Entry.objects.filter(enrolment=enrolment, kind=Entry.Kind.VALUES_WORKSHEET).count() == 1


def test_the_database_allows_one_worksheet_per_portfolio(enrolment, learner):
    from django.db import IntegrityError, transaction

    services.save_values_worksheet(enrolment, answers={}, user=learner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(enrolment=enrolment, kind=Entry.Kind.VALUES_WORKSHEET, title="Second", created_by=learner)


def test_one_note_per_workshop(enrolment, learner):
    workshop = Workshop.objects.filter(cohort=enrolment.cohort).first()
    note = services.save_workshop_note(enrolment, workshop, content={"attended": "yes", "notes": ""}, user=learner)
    assert note.title == str(workshop) and note.workshop == workshop
    note = services.save_workshop_note(
        enrolment, workshop, content={"attended": "partly", "notes": "Left early"}, user=learner, seen_version=1
    )
    assert note.version == 2 and note.title == str(workshop)
    with pytest.raises(services.StaleEdit):
        services.save_workshop_note(
            enrolment, workshop, content={"attended": "no", "notes": ""}, user=learner, seen_version=0
        )
    assert Entry.objects.filter(enrolment=enrolment, workshop=workshop).count() == 1


def test_notes_are_only_for_the_cohorts_workshops(enrolment, learner):
    elsewhere = CohortFactory().workshops.first()
    with pytest.raises(ValidationError):
        services.save_workshop_note(enrolment, elsewhere, content={"attended": "yes", "notes": ""}, user=learner)


def test_accredited_training_keeps_its_certificate_until_a_new_one_comes(enrolment, learner):
    services.save_accredited_training(
        enrolment,
        completed_on=datetime.date(2025, 9, 1),
        provider=" PCI provider ",
        user=learner,
        certificate_upload=pdf(),
    )
    first = AccreditedTraining.objects.get(enrolment=enrolment)
    assert first.provider == "PCI provider" and first.certificate is not None
    services.save_accredited_training(enrolment, completed_on=datetime.date(2025, 9, 2), provider="PCI", user=learner)
    assert AccreditedTraining.objects.get(enrolment=enrolment).certificate_id == first.certificate_id
    services.save_accredited_training(
        enrolment,
        completed_on=datetime.date(2025, 9, 2),
        provider="PCI",
        user=learner,
        certificate_upload=pdf("new.pdf"),
    )
    assert AccreditedTraining.objects.get(enrolment=enrolment).certificate.original_name == "new.pdf"
    assert Attachment.objects.filter(enrolment=enrolment).count() == 2  # the earlier file is kept


def test_an_entry_and_its_file_are_kept_together_or_not_at_all(enrolment, learner):
    bad = SimpleUploadedFile("cert.pdf", b"MZ\x90\x00not a pdf")
    with pytest.raises(ValidationError):
        services.add_entry(
            enrolment=enrolment,
            kind=Entry.Kind.TRAINING_RECORD,
            content={"title": "Course", "occurred_on": datetime.date(2026, 1, 1)},
            user=learner,
            upload=bad,
        )
    assert not Entry.objects.exists() and not Attachment.objects.exists()


def test_saving_removes_the_forms_draft(enrolment, learner):
    from coordinated_care.portfolios.kinds import CASE_STUDY as CASE_STUDY_KIND

    key = drafts.new_entry_key(enrolment, CASE_STUDY_KIND)
    drafts.keep(enrolment, user=learner, key=key, data={"overview": "half"})
    services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=learner, draft_key=key
    )
    assert not Draft.objects.exists()


@pytest.mark.parametrize(
    "key",
    [
        "",
        "not-a-key",
        "00000000-0000-0000-0000-000000000000:new:case-studies",
        "{enrolment}:new:Case Studies",
        "{enrolment}",
    ],
)
def test_drafts_are_kept_only_under_this_portfolios_keys(enrolment, learner, key):
    with pytest.raises(ValidationError):
        drafts.keep(enrolment, user=learner, key=key.format(enrolment=enrolment.uuid), data={})


@pytest.mark.parametrize("persona", ["facilitator", "supervisor", "programme_lead", "other_learner"])
def test_only_the_learner_keeps_drafts(enrolment, persona, request):
    with pytest.raises(PermissionDenied):
        drafts.keep(enrolment, user=request.getfixturevalue(persona), key=drafts.worksheet_key(enrolment), data={})


def test_a_draft_has_a_size_limit():
    from django.http import QueryDict

    post = QueryDict(mutable=True)
    post["overview"] = "x" * (drafts.MAX_DRAFT_CHARS + 1)
    with pytest.raises(ValidationError):
        drafts.writing_from(post)
