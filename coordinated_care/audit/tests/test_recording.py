"""What the audit trail records: creates, changes and deletes of registered models, with who made
them, the fields before and after, in the same transaction as the change."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from coordinated_care import audit
from coordinated_care.accounts.models import User
from coordinated_care.audit import values
from coordinated_care.audit.middleware import AuditActorMiddleware
from coordinated_care.audit.models import AuditChainHead, AuditEvent
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Attachment, Draft, Entry, EntryVersion, EvidenceLink
from coordinated_care.programmes import services as programmes
from coordinated_care.programmes.models import AccreditedTraining, Criterion

from .conftest import CASE_STUDY, events_for


def test_a_create_is_recorded_with_every_field(entry, learner):
    (created,) = events_for(entry)
    assert created.action == "create"
    assert created.before is None
    assert created.after["title"] == "Case study 1: leaving hospital"
    assert created.after["content"] == CASE_STUDY
    assert created.after["enrolment"] == entry.enrolment_id
    assert created.enrolment_id == entry.enrolment_id
    assert created.object_label == "Case study 1: leaving hospital"
    # The version saved alongside is recorded too, filed under the same portfolio.
    (version_created,) = events_for(entry.versions.get())
    assert version_created.enrolment_id == entry.enrolment_id


def test_a_change_keeps_only_the_fields_that_changed_before_and_after(entry, learner):
    with audit.acting_as(learner):
        portfolio.update_entry(
            entry, content={**CASE_STUDY, "outcomes": "A weekly lunch club."}, user=learner, seen_version=1
        )
    changed = events_for(entry)[-1]
    assert changed.action == "change"
    assert changed.actor_id == learner.pk and changed.actor_label == "Test Learner"
    assert changed.before["content"]["outcomes"] == "They felt supported at home."
    assert changed.after["content"]["outcomes"] == "A weekly lunch club."
    assert changed.before["version"] == 1 and changed.after["version"] == 2
    assert "title" not in changed.after
    assert set(changed.before) == set(changed.after)


def test_before_is_the_row_in_the_database_not_a_stale_copy_in_memory(entry):
    stale = Entry.objects.get(pk=entry.pk)
    with transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(title="Changed behind the ORM's back")
        stale.status = "done"
        stale.save(update_fields=["status"])
    changed = events_for(entry)[-1]
    assert changed.before == {"status": ""} and changed.after == {"status": "done"}


def test_a_save_that_changes_nothing_records_nothing(entry):
    count = AuditEvent.objects.count()
    with transaction.atomic():
        Entry.objects.get(pk=entry.pk).save()  # only updated_at moves
    assert AuditEvent.objects.count() == count


def test_a_delete_is_recorded_with_the_row_as_it_was(entry, learner):
    criterion = Criterion.objects.filter(programme=entry.enrolment.cohort.programme).first()
    link = portfolio.link_evidence(entry, criterion=criterion, how_it_shows="It shows it.", user=learner)
    link_id = link.pk
    with audit.acting_as(learner):
        portfolio.unlink_evidence(link, user=learner)
    deleted = events_for(link, link_id)[-1]
    assert deleted.action == "delete"
    assert deleted.actor_id == learner.pk
    assert deleted.before["how_it_shows"] == "It shows it."
    assert deleted.before["criterion"] == criterion.pk
    assert deleted.after is None
    assert deleted.enrolment_id == entry.enrolment_id


def test_a_cascade_records_every_registered_row_it_deletes(entry):
    versions = list(entry.versions.all())
    with transaction.atomic():
        Entry.objects.get(pk=entry.pk).delete()
    assert events_for(entry)[-1].action == "delete"
    assert all(events_for(version)[-1].action == "delete" for version in versions)
    assert events_for(versions[0])[-1].enrolment_id == entry.enrolment_id


def test_the_actor_is_the_signed_in_user_of_the_request(enrolment, learner):
    def view(request):
        portfolio.create_entry(
            enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "A reflection"}, user=learner
        )
        return HttpResponse()

    request = RequestFactory().post("/")
    request.user = learner
    AuditActorMiddleware(view)(request)
    created = AuditEvent.objects.filter(action="create", content_type__model="entry").latest("id")
    assert (created.actor_id, created.actor_label) == (learner.pk, "Test Learner")


def test_acting_as_names_someone_without_an_account_and_wins_over_the_request(enrolment, learner):
    request = RequestFactory().post("/")
    request.user = AnonymousUser()

    def view(request):
        with audit.acting_as("invited signer: Sam Jones, supervisor, NMC 12A3456Z"):
            programmes.record_accredited_training(enrolment, completed_on=datetime.date(2026, 1, 9), provider="PCI")
        return HttpResponse()

    AuditActorMiddleware(view)(request)
    created = AuditEvent.objects.filter(content_type__model="accreditedtraining").get()
    assert created.actor_id is None
    assert created.actor_label == "invited signer: Sam Jones, supervisor, NMC 12A3456Z"


def test_outside_a_request_and_without_acting_as_the_actor_is_the_system(enrolment):
    assert events_for(enrolment)[0].actor_label == "system"


def test_a_note_is_kept_with_every_event_of_its_block(entry, learner):
    declaration = {"confidentiality_declaration": "I have removed anything that could identify a patient."}
    with audit.with_note(declaration), audit.with_note({"reason": "typo"}):
        portfolio.update_entry(entry, content={**CASE_STUDY, "overview": "Fixed."}, user=learner, seen_version=1)
    changed = events_for(entry)[-1]
    assert changed.note == {**declaration, "reason": "typo"}
    assert events_for(entry.versions.get(number=2))[0].note == changed.note


def test_a_rollback_leaves_no_event(enrolment, learner):
    count, head = AuditEvent.objects.count(), AuditChainHead.objects.get()
    with pytest.raises(RuntimeError), transaction.atomic():
        portfolio.create_entry(enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "Gone"}, user=learner)
        raise RuntimeError("the request failed after the save")
    assert AuditEvent.objects.count() == count
    assert AuditChainHead.objects.get().hash == head.hash


def test_a_failure_to_record_leaves_no_change_either(enrolment, learner, monkeypatch):
    from coordinated_care.audit import chain

    def crash(**kwargs):
        raise OSError("the process died while hashing")

    monkeypatch.setattr(chain, "digest", crash)
    with pytest.raises(OSError):
        portfolio.create_entry(
            enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": "Half made"}, user=learner
        )
    assert not Entry.objects.filter(title="Half made").exists()


@pytest.mark.django_db(transaction=True)
def test_an_audited_save_outside_a_transaction_is_refused_before_it_is_written(enrolment, learner):
    entry = Entry(enrolment=enrolment, kind=Entry.Kind.REFLECTION, title="Unrecorded", created_by=learner)
    with pytest.raises(audit.AuditError, match="transaction.atomic"):
        entry.save()
    assert not Entry.objects.filter(title="Unrecorded").exists()


def test_drafts_are_not_recorded(learner):
    portfolio.save_draft(user=learner, key="entry:new", data={"title": "Scratch"})
    assert not AuditEvent.objects.filter(content_type__model="draft").exists()
    assert audit.registration_for(Draft) is None


def test_files_are_recorded_by_their_stored_name(enrolment, learner):
    attachment = Attachment(
        enrolment=enrolment,
        original_name="certificate.pdf",
        content_type="application/pdf",
        size=3,
        sha256="0" * 64,
        uploaded_by=learner,
    )
    attachment.file.save("upload", ContentFile(b"pdf"), save=False)
    with transaction.atomic():
        attachment.save()
    (created,) = events_for(attachment)
    assert created.after["file"] == attachment.file.name
    assert created.object_label == "certificate.pdf"


def test_passwords_and_tokens_are_never_kept():
    kept = {field.name for field in values.recorded_fields(User)}
    assert "password" not in kept and "email" in kept
    assert values.is_secret("token_hash") and values.is_secret("client_secret") and not values.is_secret("title")


def test_bulk_writes_are_recorded_through_the_explicit_api(entry, learner):
    version = EntryVersion(entry=entry, number=2, title="t", content={}, content_hash="x", created_by=learner)
    with transaction.atomic():
        (made,) = EntryVersion.objects.bulk_create([version])
        audit.record(made, audit.CREATE)
        before = audit.snapshot(made)
        EntryVersion.objects.filter(pk=made.pk).update(title="renamed")
        made.refresh_from_db()
        audit.record(made, audit.CHANGE, before=before, note={"reason": "bulk rename"})
    created, changed = events_for(made)
    assert created.after["number"] == 2 and created.enrolment_id == entry.enrolment_id
    assert (changed.before, changed.after, changed.note) == (
        {"title": "t"},
        {"title": "renamed"},
        {"reason": "bulk rename"},
    )


def test_recording_an_unregistered_model_is_refused(learner):
    with pytest.raises(Exception, match="not registered"), transaction.atomic():
        audit.record(learner, audit.CREATE)


def test_a_mistyped_exclusion_stops_the_registration():
    from coordinated_care.portfolios.models import Draft

    with pytest.raises(Exception, match="no field 'pasword'"):
        audit.register(Draft, exclude=("pasword",))
    assert audit.registration_for(Draft) is None


def test_a_model_is_registered_once():
    with pytest.raises(Exception, match="already registered"):
        audit.register(EvidenceLink)


def test_accredited_training_changes_are_recorded_once_each(enrolment):
    programmes.record_accredited_training(enrolment, completed_on=datetime.date(2026, 1, 9), provider="PCI")
    programmes.record_accredited_training(enrolment, completed_on=datetime.date(2026, 1, 9), provider="PCI")
    programmes.record_accredited_training(enrolment, completed_on=datetime.date(2026, 1, 10), provider="PCI")
    training = AccreditedTraining.objects.get()
    actions = [(e.action, e.before, e.after) for e in events_for(training)]
    assert [a[0] for a in actions] == ["create", "change"]
    assert actions[1][1]["completed_on"] == "2026-01-09" and actions[1][2]["completed_on"] == "2026-01-10"
