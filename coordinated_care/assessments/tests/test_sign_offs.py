"""Asking for sign-off and deciding it: who may, what is recorded, what the learner then sees."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import PASSWORD
from coordinated_care.accounts.models import Role
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Entry, EntryVersion
from coordinated_care.portfolios.progress import portfolio_progress

from ..models import AgreedAction, Assessment, Signature, SignedEvidence, SignOffRequest
from ..services import criterion_outcomes, sign_offs
from ..services.sign_offs import request_subject
from .helpers import ask, criterion, decide, evidence, sign_off


def test_the_learner_asks_with_the_evidence_they_choose(enrolment, learner):
    chosen = evidence(enrolment, learner, title="Case study 1")
    evidence(enrolment, learner, title="Case study 2")
    request = ask(enrolment, learner, entries=[chosen])
    assert list(request.evidence.all()) == [chosen]
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "awaiting"}


def test_only_evidence_linked_to_the_criterion_can_be_put_forward(enrolment, learner):
    elsewhere = evidence(enrolment, learner, code="PC2")
    with pytest.raises(ValidationError):
        ask(enrolment, learner, "PC1", entries=[elsewhere])


def test_asking_without_evidence_needs_a_reason(enrolment, learner):
    with pytest.raises(ValidationError):
        ask(enrolment, learner, entries=[])
    request = ask(enrolment, learner, entries=[], note="I have had no transitions to coordinate.")
    assert request.status == SignOffRequest.Status.OPEN


def test_one_open_request_per_criterion(enrolment, learner):
    entry = evidence(enrolment, learner)
    ask(enrolment, learner, entries=[entry])
    with pytest.raises(ValidationError):
        ask(enrolment, learner, entries=[entry])


@pytest.mark.parametrize("persona", ["facilitator", "supervisor", "programme_lead", "other_learner", "administrator"])
def test_only_the_learner_asks(enrolment, learner, persona, request):
    entry = evidence(enrolment, learner)
    with pytest.raises(PermissionDenied):
        sign_offs.request_sign_off(
            enrolment=enrolment,
            criterion=criterion(enrolment),
            user=request.getfixturevalue(persona),
            entries=[entry.uuid],
        )
    assert not SignOffRequest.objects.exists()


def test_the_assigned_facilitator_signs_off_an_achieved_criterion(enrolment, learner, facilitator):
    entry = evidence(enrolment, learner)
    request = ask(enrolment, learner, entries=[entry])
    assessment = decide(request, facilitator)
    request.refresh_from_db()
    assert request.status == SignOffRequest.Status.DECIDED
    assert assessment.outcome == "achieved" and assessment.achieved_on == timezone.localdate()
    signature = assessment.signature
    assert signature.signer == facilitator and signature.meaning == "achieved"
    assert signature.signer_name == "Assigned Facilitator" and signature.signer_role == "Practice-based facilitator"
    evidence_signed = SignedEvidence.objects.get(assessment=assessment)
    assert (evidence_signed.entry_uuid, evidence_signed.version_number) == (entry.uuid, 1)
    assert evidence_signed.content_hash == entry.versions.get().content_hash
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "achieved"}


@pytest.mark.parametrize(
    "persona",
    ["unassigned_facilitator", "revoked_facilitator", "supervisor", "programme_lead", "administrator", "learner"],
)
def test_nobody_but_the_assigned_facilitator_signs(enrolment, learner, persona, request):
    sign_off_request = ask(enrolment, learner)
    with pytest.raises(PermissionDenied):
        decide(sign_off_request, request.getfixturevalue(persona))
    assert not Assessment.objects.exists() and not Signature.objects.exists()


def test_a_facilitator_whose_role_was_taken_away_signs_nothing_more(enrolment, learner, facilitator, signed_in):
    """The enrolment still names them, but the role is read when they ask: no page, no decision."""
    from coordinated_care.accounts.services import revoke_role

    sign_off_request = ask(enrolment, learner)
    client = signed_in(facilitator)
    url = f"/assessments/requests/{sign_off_request.uuid}/"
    assert client.get(url).status_code == 200
    revoke_role(facilitator, Role.FACILITATOR, facilitator.role_assignments.get(role=Role.FACILITATOR).organisation)
    data = {
        "outcome": "achieved",
        "comments": "Good.",
        "password": PASSWORD,
        "subject_hash": request_subject(sign_off_request).hash,
        "achieved_on_day": timezone.localdate().day,
        "achieved_on_month": timezone.localdate().month,
        "achieved_on_year": timezone.localdate().year,
    }
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    with pytest.raises(PermissionDenied):
        decide(sign_off_request, facilitator)
    sign_off_request.refresh_from_db()
    assert sign_off_request.status == SignOffRequest.Status.OPEN
    assert not Assessment.objects.exists() and not Signature.objects.exists()


def test_nobody_signs_off_their_own_portfolio(enrolment, learner, facilitator, practice):
    """Even a learner who also holds the facilitator role, named as their own facilitator."""
    from coordinated_care.accounts.models import Role
    from coordinated_care.accounts.services import grant_role

    grant_role(learner, Role.FACILITATOR, practice)
    sign_off_request = ask(enrolment, learner)
    type(enrolment).objects.filter(pk=enrolment.pk).update(facilitator=learner)  # behind the services' back
    sign_off_request.refresh_from_db()
    with pytest.raises(PermissionDenied):
        decide(sign_off_request, learner)
    assert not Signature.objects.exists()


def test_a_wrong_password_signs_nothing(enrolment, learner, facilitator):
    request = ask(enrolment, learner)
    with pytest.raises(ValidationError):
        sign_offs.record_decision(
            request,
            user=facilitator,
            password="not-my-password",
            seen_subject_hash=request_subject(request).hash,
            outcome="achieved",
            comments="Fine.",
            achieved_on=timezone.localdate(),
        )
    assert not Assessment.objects.exists()


def test_a_development_need_adds_agreed_actions_to_the_plan(enrolment, learner, facilitator):
    assessment = decide(ask(enrolment, learner), facilitator, "development_need")
    action = Entry.objects.get(enrolment=enrolment, kind=Entry.Kind.ACTION)
    assert action.created_by == facilitator and action.status == Entry.Status.OPEN
    assert action.title == "Digital signposting" and action.due_on is not None
    version = action.versions.get()
    assert version.created_by == facilitator
    agreed = AgreedAction.objects.get()
    assert agreed.assessment == assessment and agreed.entry_uuid == action.uuid
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "development_need"}
    # The learner keeps the action as theirs: they can update it.
    portfolio.update_entry(action, content={**action.content, "help": "More help"}, user=learner, seen_version=1)


def test_a_development_need_needs_an_action(enrolment, learner, facilitator):
    with pytest.raises(ValidationError):
        decide(ask(enrolment, learner), facilitator, "development_need", actions=[])
    assert not Entry.objects.filter(kind=Entry.Kind.ACTION).exists()


def test_a_reflection_on_the_shortfall_agreed_with_the_supervisor_counts_as_done(enrolment, learner, facilitator):
    request = ask(enrolment, learner, entries=[], note="No transitions in my role yet.")
    assessment = decide(request, facilitator, "reflection_accepted")
    assert assessment.reflection and assessment.agreed_with_supervisor == "Test Supervisor"
    assert assessment.signature.meaning == "reflection_accepted"
    progress = portfolio_progress(enrolment)
    assert progress.criteria_signed_off == 1


def test_achieved_needs_evidence_and_a_date(enrolment, learner, facilitator):
    request = ask(enrolment, learner, entries=[], note="Please look")
    with pytest.raises(ValidationError):
        decide(request, facilitator)
    with pytest.raises(ValidationError):
        decide(ask(enrolment, learner, "PC2"), facilitator, achieved_on=None)
    future = timezone.localdate() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError):
        decide(SignOffRequest.objects.get(criterion__code="PC2"), facilitator, achieved_on=future)


def test_evidence_that_moved_while_the_facilitator_read_it_is_not_signed(enrolment, learner, facilitator):
    entry = evidence(enrolment, learner)
    request = ask(enrolment, learner, entries=[entry])
    seen = request_subject(request).hash
    portfolio.update_entry(
        entry,
        content={"title": "Case study 1", "overview": "New", "coordination": "c", "outcomes": "o"},
        user=learner,
        seen_version=1,
    )
    with pytest.raises(sign_offs.EvidenceMoved):
        sign_offs.record_decision(
            request,
            user=facilitator,
            password=PASSWORD,
            seen_subject_hash=seen,
            outcome="achieved",
            comments="Fine.",
            achieved_on=timezone.localdate(),
        )
    assert not Assessment.objects.exists()


def test_a_request_is_decided_once(enrolment, learner, facilitator):
    request = ask(enrolment, learner)
    decide(request, facilitator)
    with pytest.raises(ValidationError):
        decide(request, facilitator)
    assert Assessment.objects.count() == 1


def test_the_learner_cannot_ask_again_while_it_stands_but_can_after_a_change(enrolment, learner, facilitator):
    entry = evidence(enrolment, learner)
    decide(ask(enrolment, learner, entries=[entry]), facilitator)
    with pytest.raises(ValidationError):
        ask(enrolment, learner, entries=[entry])
    portfolio.update_entry(entry, content={**entry.content, "outcomes": "More"}, user=learner, seen_version=1)
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "changed"}
    again = ask(enrolment, learner, entries=[entry])
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "awaiting"}
    decide(again, facilitator)
    assert criterion_outcomes(enrolment) == {criterion(enrolment).pk: "achieved"}


def test_cancelling_a_request(enrolment, learner, facilitator):
    request = ask(enrolment, learner)
    with pytest.raises(PermissionDenied):
        sign_offs.cancel_request(request, user=facilitator)
    sign_offs.cancel_request(request, user=learner)
    assert criterion_outcomes(enrolment) == {}
    with pytest.raises(ValidationError):
        decide(request, facilitator)


def test_a_crash_in_the_middle_of_signing_leaves_nothing_behind(enrolment, learner, facilitator, monkeypatch):
    request = ask(enrolment, learner)
    counts = (
        Assessment.objects.count(),
        SignedEvidence.objects.count(),
        Signature.objects.count(),
        Entry.objects.count(),
    )

    def crash(**kwargs):
        assert Assessment.objects.count() == 1  # the first write happened
        raise RuntimeError("the server fell over")

    monkeypatch.setattr(sign_offs, "make_signature", crash)
    with pytest.raises(RuntimeError):
        decide(request, facilitator, "development_need")
    assert (
        Assessment.objects.count(),
        SignedEvidence.objects.count(),
        Signature.objects.count(),
        Entry.objects.count(),
    ) == counts
    assert not AgreedAction.objects.exists()
    request.refresh_from_db()
    assert request.status == SignOffRequest.Status.OPEN


def test_the_progress_page_counts_signed_off_criteria(enrolment, learner, facilitator):
    sign_off(enrolment, learner, facilitator, "PC1")
    decide(ask(enrolment, learner, "PC2"), facilitator, "development_need")
    ask(enrolment, learner, "PC3")
    progress = portfolio_progress(enrolment)
    statuses = {c.criterion.code: c.status for g in progress.groups for c in g.criteria}
    assert statuses["PC1"] == "achieved" and statuses["PC2"] == "development_need" and statuses["PC3"] == "awaiting"
    assert progress.criteria_signed_off == 1


def test_the_evidence_versions_signed_are_the_newest(enrolment, learner, facilitator):
    entry = evidence(enrolment, learner)
    portfolio.update_entry(entry, content={**entry.content, "outcomes": "Second"}, user=learner, seen_version=1)
    assessment = decide(ask(enrolment, learner, entries=[entry]), facilitator)
    signed = SignedEvidence.objects.get(assessment=assessment)
    assert signed.version_number == 2
    assert signed.content_hash == EntryVersion.objects.get(entry=entry, number=2).content_hash
