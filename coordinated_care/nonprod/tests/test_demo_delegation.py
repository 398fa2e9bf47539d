"""The demo's delegation (ADR 16): current, from the demo facilitator to a colleague of the same
primary care network for two weeks, with a reason that passes the guard; made once while it lasts."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from coordinated_care.accounts.models import User
from coordinated_care.nonprod import demo_delegation
from coordinated_care.programmes.models import Delegation, Enrolment
from coordinated_care.programmes.services import can_read_portfolio, delegations, facilitated_enrolments

pytestmark = pytest.mark.django_db


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_facilitator_has_delegated_assessing_their_learner_for_two_weeks():
    output = seed()
    today = timezone.localdate()
    [delegation] = Delegation.objects.select_related("enrolment__learner", "facilitator", "delegate")
    assert delegation.enrolment.learner.email == "learner@demo.test"
    assert (delegation.facilitator.email, delegation.created_by.email) == ("facilitator@demo.test",) * 2
    assert delegation.delegate.email == demo_delegation.DELEGATE
    assert delegation.is_current(today) and delegation.ends_on - delegation.starts_on == datetime.timedelta(days=13)
    # A colleague of the same primary care network, as the service asks.
    assert delegation.delegate in delegations.possible_delegates(delegation.enrolment)
    assert f"delegated to {demo_delegation.DELEGATE}" in output
    colleague = User.objects.get(email=demo_delegation.DELEGATE)
    assert delegation.enrolment in facilitated_enrolments(colleague)
    assert can_read_portfolio(colleague, Enrolment.objects.get(pk=delegation.enrolment_id))
    # The demo facilitator is still refused the second learner's portfolio.
    facilitator = User.objects.get(email="facilitator@demo.test")
    assert not can_read_portfolio(facilitator, Enrolment.objects.get(learner__email="learner2@demo.test"))


def test_seeding_again_adds_no_delegation_while_one_lasts_and_a_new_one_once_it_has_ended():
    seed()
    seed()
    assert Delegation.objects.count() == 1
    today = timezone.localdate()
    Delegation.objects.update(starts_on=today - datetime.timedelta(days=20), ends_on=today - datetime.timedelta(days=7))
    seed()
    assert Delegation.objects.count() == 2
    assert [d.is_current(today) for d in Delegation.objects.order_by("pk")] == [False, True]


def test_the_demo_reason_passes_the_confidentiality_guard():
    from coordinated_care.confidentiality.service import scan

    assert [f for f in scan(demo_delegation.REASON) if f.action in ("block", "confirm")] == []
