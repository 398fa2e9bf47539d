"""Reasonable adjustments: recorded by the learner or those who support them, agreed by a
facilitator or a lead, seen only by the learner, their facilitators (a delegate too) and the
cohort's leads, and never in the portfolio PDF or anyone else's view."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from coordinated_care.accounts import privacy
from coordinated_care.accounts.models import Role
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory
from coordinated_care.audit.models import AuditEvent
from coordinated_care.programmes.models import Delegation, Enrolment, ReasonableAdjustment
from coordinated_care.programmes.services.adjustments import (
    agree_adjustment,
    can_see_adjustments,
    record_adjustment,
    remove_adjustment,
)

pytestmark = pytest.mark.django_db

WORDS = "Extra time to write up case studies, and workshop slides printed in a larger font"


def _page(enrolment):
    return reverse("portfolios:reasonable_adjustments", args=[enrolment.uuid])


def _delegate(enrolment, *, starts_in=0, days=14, withdrawn=False):
    colleague = RoleAssignmentFactory(role=Role.FACILITATOR, organisation=enrolment.practice).user
    today = timezone.localdate()
    Delegation.objects.create(
        enrolment=enrolment,
        facilitator=enrolment.facilitator,
        delegate=colleague,
        starts_on=today + datetime.timedelta(days=starts_in),
        ends_on=today + datetime.timedelta(days=starts_in + days - 1),
        reason="Annual leave",
        created_by=enrolment.facilitator,
        withdrawn_at=timezone.now() if withdrawn else None,
    )
    return colleague


@pytest.mark.parametrize("persona", ["learner", "facilitator", "programme_lead"])
def test_the_learner_their_facilitator_and_the_lead_see_them(enrolment, persona, request):
    assert can_see_adjustments(request.getfixturevalue(persona), enrolment)


@pytest.mark.parametrize(
    "persona",
    ["supervisor", "employer", "administrator", "other_learner", "unassigned_facilitator", "revoked_facilitator"],
)
def test_nobody_else_sees_them_not_even_the_supervisor_who_reads_the_portfolio(enrolment, persona, request):
    assert not can_see_adjustments(request.getfixturevalue(persona), enrolment)


def test_a_delegate_sees_them_while_the_delegation_lasts_and_not_after(enrolment):
    assert can_see_adjustments(_delegate(enrolment), enrolment)
    assert not can_see_adjustments(_delegate(enrolment, starts_in=-30), enrolment)
    assert not can_see_adjustments(_delegate(enrolment, starts_in=1), enrolment)
    assert not can_see_adjustments(_delegate(enrolment, withdrawn=True), enrolment)


def test_the_learners_own_record_waits_for_their_facilitator_to_agree_it(enrolment, learner, facilitator):
    adjustment = record_adjustment(enrolment, by=learner, adjustment=WORDS)
    assert adjustment.agreed_by is None and adjustment.agreed_on is None
    agreed = agree_adjustment(adjustment, by=facilitator)
    assert agreed.agreed_by == facilitator
    assert agreed.agreed_on == timezone.localdate()


def test_one_the_facilitator_or_lead_records_is_agreed_by_them(enrolment, programme_lead):
    adjustment = record_adjustment(enrolment, by=programme_lead, adjustment=WORDS)
    assert adjustment.agreed_by == programme_lead


def test_agreeing_again_keeps_who_agreed_first(enrolment, learner, facilitator, programme_lead):
    adjustment = agree_adjustment(record_adjustment(enrolment, by=learner, adjustment=WORDS), by=facilitator)
    assert agree_adjustment(adjustment, by=programme_lead).agreed_by == facilitator


def test_the_learner_cannot_agree_their_own(enrolment, learner):
    adjustment = record_adjustment(enrolment, by=learner, adjustment=WORDS)
    with pytest.raises(PermissionDenied):
        agree_adjustment(adjustment, by=learner)
    adjustment.refresh_from_db()
    assert adjustment.agreed_by is None


@pytest.mark.parametrize("persona", ["supervisor", "employer", "administrator", "unassigned_facilitator"])
def test_nobody_else_records_agrees_or_removes_one(enrolment, learner, persona, request):
    user = request.getfixturevalue(persona)
    adjustment = record_adjustment(enrolment, by=learner, adjustment=WORDS)
    with pytest.raises(PermissionDenied):
        record_adjustment(enrolment, by=user, adjustment=WORDS)
    with pytest.raises(PermissionDenied):
        agree_adjustment(adjustment, by=user)
    with pytest.raises(PermissionDenied):
        remove_adjustment(adjustment, by=user)
    assert list(ReasonableAdjustment.objects.values_list("pk", "agreed_by")) == [(adjustment.pk, None)]


def test_a_finished_portfolio_keeps_its_adjustments_as_they_were(enrolment, learner, facilitator):
    adjustment = record_adjustment(enrolment, by=learner, adjustment=WORDS)
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.COMPLETED)
    enrolment.refresh_from_db()
    assert can_see_adjustments(facilitator, enrolment)
    with pytest.raises(PermissionDenied):
        agree_adjustment(adjustment, by=facilitator)
    with pytest.raises(PermissionDenied):
        remove_adjustment(adjustment, by=learner)


def test_the_audit_trail_records_each_act_without_the_words(enrolment, learner, facilitator):
    adjustment = record_adjustment(enrolment, by=learner, adjustment=WORDS)
    agree_adjustment(adjustment, by=facilitator)
    remove_adjustment(adjustment, by=facilitator)
    events = AuditEvent.objects.filter(object_label=f"Reasonable adjustment {adjustment.pk}").order_by("pk")
    assert [e.action for e in events] == ["create", "change", "delete"]
    assert all(e.enrolment_id is None for e in events)  # not in the portfolio's history
    assert WORDS not in json.dumps([[e.before, e.after, e.note] for e in events])


# The pages


def test_the_learner_records_one_and_their_facilitator_agrees_it(enrolment, learner, facilitator, signed_in):
    response = signed_in(learner).post(_page(enrolment), {"adjustment": WORDS})
    assert response.status_code == 302
    page = signed_in(learner).get(_page(enrolment)).content.decode()
    assert WORDS in page and "Not agreed yet" in page
    assert "never in the portfolio PDF" in page
    adjustment = ReasonableAdjustment.objects.get()
    url = reverse("portfolios:agree_reasonable_adjustment", args=[enrolment.uuid, adjustment.uuid])
    assert signed_in(facilitator).post(url).status_code == 302
    page = signed_in(learner).get(_page(enrolment)).content.decode()
    assert f"{facilitator.display_name}, {timezone.localdate():%-d %B %Y}" in page


def test_a_delegate_sees_the_learners_adjustment_and_the_employer_is_refused(enrolment, learner, employer, client):
    record_adjustment(enrolment, by=learner, adjustment=WORDS)
    delegate = _delegate(enrolment)
    client.force_login(delegate, backend="django.contrib.auth.backends.ModelBackend")
    assert WORDS in client.get(_page(enrolment)).content.decode()
    client.force_login(employer, backend="django.contrib.auth.backends.ModelBackend")
    refused = client.get(_page(enrolment))
    assert refused.status_code == 404
    assert WORDS not in refused.content.decode()


def test_the_supervisor_reads_the_portfolio_but_is_refused_its_adjustments(enrolment, learner, supervisor, signed_in):
    record_adjustment(enrolment, by=learner, adjustment=WORDS)
    client = signed_in(supervisor)
    assert client.get(reverse("portfolios:overview", args=[enrolment.uuid])).status_code == 200
    assert client.get(_page(enrolment)).status_code == 403
    front = client.get(reverse("portfolios:front_sheet", args=[enrolment.uuid])).content.decode()
    assert "Reasonable adjustments" not in front


def test_an_adjustment_naming_a_patient_is_refused_by_the_guard(enrolment, learner, signed_in):
    response = signed_in(learner).post(_page(enrolment), {"adjustment": "Extra time. NHS number 943 476 5919."})
    assert response.status_code == 200
    assert not ReasonableAdjustment.objects.exists()


def test_they_are_never_in_the_portfolio_pdf(enrolment, learner):
    from coordinated_care.reports.document.gather import portfolio_document

    record_adjustment(enrolment, by=learner, adjustment=WORDS)
    assert WORDS not in json.dumps(portfolio_document(enrolment), default=str)


def test_the_learners_own_download_holds_them_and_their_facilitators_does_not(enrolment, learner, facilitator):
    record_adjustment(enrolment, by=learner, adjustment=WORDS)
    assert WORDS in privacy.export_json(learner).decode()
    assert WORDS not in privacy.export_json(facilitator).decode()
