"""Delegating assessing a learner (programmes.services.delegations, ADR 16): who may delegate, to
whom, for when, withdrawing, the audit trail and the e-mails."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coordinated_care.audit.models import AuditEvent
from coordinated_care.programmes.models import Delegation, Enrolment
from coordinated_care.programmes.services import access, delegations, facilitated_enrolments

from .delegations import colleague_of, delegate_to, practice_in_pcn_of

DAY = datetime.timedelta(days=1)


def test_the_facilitator_delegates_to_a_colleague_for_two_weeks(enrolment, django_capture_on_commit_callbacks):
    colleague = colleague_of(enrolment)
    with django_capture_on_commit_callbacks(execute=True):
        delegation = delegate_to(enrolment, colleague, days=14)
    assert delegation.facilitator == enrolment.facilitator
    assert delegation.ends_on - delegation.starts_on == 13 * DAY
    assert access.facilitates_now(colleague, Enrolment.objects.get(pk=enrolment.pk))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([enrolment.facilitator.email, colleague.email])
    assert "Assessing Test Learner delegated" in mail.outbox[0].subject
    event = AuditEvent.objects.get(content_type__model="delegation", action="create")
    assert event.enrolment_id == enrolment.pk
    assert event.after["delegate"] == colleague.pk and event.after["reason"] == "Annual leave"


def test_a_facilitator_of_another_practice_in_the_pcn_may_be_the_delegate(enrolment):
    neighbour = colleague_of(enrolment, organisation=practice_in_pcn_of(enrolment))
    assert neighbour in delegations.possible_delegates(enrolment)
    delegate_to(enrolment, neighbour)


def test_the_cohort_lead_delegates_too(enrolment, programme_lead):
    delegation = delegate_to(enrolment, colleague_of(enrolment), by=programme_lead)
    assert delegation.created_by == programme_lead


@pytest.mark.parametrize("persona", ["learner", "supervisor", "unassigned_facilitator", "employer", "other_learner"])
def test_nobody_else_delegates(enrolment, persona, request):
    with pytest.raises(PermissionDenied):
        delegate_to(enrolment, colleague_of(enrolment), by=request.getfixturevalue(persona))
    assert not Delegation.objects.exists()


@pytest.mark.parametrize("who", ["unassigned_facilitator", "supervisor", "learner", "facilitator"])
def test_only_a_facilitator_of_the_practice_or_pcn_can_be_the_delegate(enrolment, who, request):
    """Another PCN's facilitator, someone without the role, the learner, the facilitator themselves."""
    with pytest.raises(ValidationError) as refused:
        delegate_to(enrolment, request.getfixturevalue(who))
    assert refused.value.code == "delegate"


def test_the_dates_and_reason(enrolment):
    colleague = colleague_of(enrolment)
    today = timezone.localdate()
    cases = [
        ({"starts_on": today - DAY, "ends_on": today}, "starts_on"),
        ({"starts_on": today, "ends_on": today - DAY}, "ends_on"),
        ({"starts_on": today, "ends_on": today + 200 * DAY}, "ends_on"),
        ({"starts_on": today, "ends_on": today, "reason": "  "}, "reason"),
    ]
    for dates, code in cases:
        with pytest.raises(ValidationError) as refused:
            delegations.delegate(
                enrolment=enrolment, user=enrolment.facilitator, delegate=colleague, **{"reason": "Leave", **dates}
            )
        assert refused.value.code == code


def test_one_delegation_at_a_time(enrolment):
    delegate_to(enrolment, colleague_of(enrolment), days=14)
    with pytest.raises(ValidationError) as refused:
        delegate_to(enrolment, colleague_of(enrolment, "Another Colleague"), starts_on=timezone.localdate() + 13 * DAY)
    assert refused.value.code == "overlap"
    delegate_to(enrolment, colleague_of(enrolment, "Third Colleague"), starts_on=timezone.localdate() + 14 * DAY)


def test_withdrawing_ends_access_at_once_and_is_on_the_trail(enrolment, django_capture_on_commit_callbacks):
    colleague = colleague_of(enrolment)
    delegation = delegate_to(enrolment, colleague)
    with django_capture_on_commit_callbacks(execute=True):
        delegations.withdraw(delegation, user=enrolment.facilitator)
    assert not access.can_read_portfolio(colleague, Enrolment.objects.get(pk=enrolment.pk))
    assert "Delegation withdrawn" in mail.outbox[-1].subject
    event = AuditEvent.objects.get(content_type__model="delegation", action="change")
    assert event.note == {"withdrawn": True} and event.after["withdrawn_by"] == enrolment.facilitator.pk
    with pytest.raises(ValidationError):
        delegations.withdraw(delegation, user=enrolment.facilitator)


def test_the_delegate_cannot_withdraw_nor_delegate_further(enrolment):
    colleague = colleague_of(enrolment)
    delegation = delegate_to(enrolment, colleague)
    with pytest.raises(PermissionDenied):
        delegations.withdraw(delegation, user=colleague)
    with pytest.raises(PermissionDenied):
        delegate_to(
            enrolment,
            colleague_of(enrolment, "Another Colleague"),
            by=colleague,
            starts_on=timezone.localdate() + 30 * DAY,
        )


def test_an_ended_delegation_cannot_be_withdrawn(enrolment):
    delegation = delegate_to(enrolment, colleague_of(enrolment))
    with pytest.raises(ValidationError) as refused:
        delegations.withdraw(delegation, user=enrolment.facilitator, today=delegation.ends_on + DAY)
    assert refused.value.code == "ended"


def test_facilitated_enrolments_hold_the_delegated_learner_for_the_period_only(enrolment):
    colleague = colleague_of(enrolment)
    delegation = delegate_to(enrolment, colleague, days=14)
    assert list(facilitated_enrolments(colleague)) == [enrolment]
    assert list(facilitated_enrolments(colleague, delegation.ends_on)) == [enrolment]
    assert not facilitated_enrolments(colleague, delegation.ends_on + DAY).exists()
    assert not facilitated_enrolments(colleague, delegation.starts_on - DAY).exists()
    assert list(facilitated_enrolments(enrolment.facilitator)) == [enrolment]


def _delegations_in_download(user):
    from coordinated_care.accounts import privacy

    sections = {s["title"]: s["rows"] for s in privacy.export(user)["sections"]}
    return sections["Delegations of assessing a learner you gave or received"]


def test_the_delegations_a_person_gave_or_received_are_in_their_download(
    enrolment, programme_lead, unassigned_facilitator
):
    colleague = colleague_of(enrolment)
    delegation = delegate_to(enrolment, colleague, reason="Study leave for a week")
    by_lead = delegate_to(
        enrolment, colleague, by=programme_lead, starts_on=delegation.ends_on + DAY, reason="Covering sickness"
    )
    delegations.withdraw(by_lead, user=enrolment.facilitator)
    given = _delegations_in_download(enrolment.facilitator)
    assert [(row["as"], row["reason"]) for row in given] == [
        ("given, as the learner's facilitator", "Study leave for a week"),
        ("given, as the learner's facilitator", "Covering sickness"),
    ]
    assert given[1]["withdrawn by you"] is True and given[1]["withdrawn"]
    assert given[0]["reference"] == str(enrolment.uuid) and given[0]["first day"] == delegation.starts_on.isoformat()
    received = _delegations_in_download(colleague)
    assert [(row["as"], row["withdrawn by you"]) for row in received] == [
        ("received, as the delegate", False),
        ("received, as the delegate", False),
    ]
    assert [row["as"] for row in _delegations_in_download(programme_lead)] == ["made, for the learner's facilitator"]
    # The learner's assessing was delegated, not by or to them; nor is anyone else's download touched.
    assert _delegations_in_download(enrolment.learner) == []
    assert _delegations_in_download(unassigned_facilitator) == []


def test_the_download_costs_the_same_queries_however_many_delegations(enrolment):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coordinated_care.accounts import privacy

    def queries():
        with CaptureQueriesContext(connection) as captured:
            privacy.export(enrolment.facilitator)
        return len(captured)

    first = delegate_to(enrolment, colleague_of(enrolment), days=7)
    few = queries()
    second = delegate_to(enrolment, colleague_of(enrolment, "Another Colleague"), starts_on=first.ends_on + DAY, days=7)
    delegate_to(enrolment, colleague_of(enrolment, "Third Colleague"), starts_on=second.ends_on + DAY, days=7)
    assert queries() == few
