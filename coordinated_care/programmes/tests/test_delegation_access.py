"""A delegate facilitates the learner from the delegation's first day to its last, and not a day
before or after, nor once it is withdrawn (programmes.services.access, ADR 16)."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from coordinated_care.accounts.models import Role, User
from coordinated_care.accounts.services import revoke_role
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from coordinated_care.programmes.models import Delegation, Enrolment
from coordinated_care.programmes.services import access


@pytest.fixture
def colleague(practice):
    return RoleAssignmentFactory(
        role=Role.FACILITATOR, organisation=practice, user=UserFactory(full_name="Col League")
    ).user


def _delegate(enrolment, colleague, starts_on, ends_on, **extra):
    return Delegation.objects.create(
        enrolment=enrolment,
        facilitator=enrolment.facilitator,
        delegate=colleague,
        starts_on=starts_on,
        ends_on=ends_on,
        reason="Annual leave",
        created_by=enrolment.facilitator,
        **extra,
    )


def fresh(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk)


def test_the_delegate_facilitates_on_the_first_and_last_day_only(enrolment, colleague):
    today = timezone.localdate()
    _delegate(enrolment, colleague, today, today + datetime.timedelta(days=13))
    day = datetime.timedelta(days=1)
    assert access.facilitates_now(colleague, fresh(enrolment), today)
    assert access.facilitates_now(colleague, fresh(enrolment), today + 13 * day)
    assert not access.facilitates_now(colleague, fresh(enrolment), today - day)
    assert not access.facilitates_now(colleague, fresh(enrolment), today + 14 * day)
    e = fresh(enrolment)
    assert access.can_read_portfolio(colleague, e) and access.can_facilitate(colleague, e)
    assert access.is_delegate(colleague, e) and not access.is_facilitator(colleague, e)


@pytest.mark.parametrize("offset", [-1, 1])
def test_no_access_outside_the_period(enrolment, colleague, offset):
    today = timezone.localdate()
    if offset < 0:  # it ended yesterday
        _delegate(enrolment, colleague, today - datetime.timedelta(days=5), today - datetime.timedelta(days=1))
    else:  # it starts tomorrow
        _delegate(enrolment, colleague, today + datetime.timedelta(days=1), today + datetime.timedelta(days=5))
    e = fresh(enrolment)
    assert not access.can_read_portfolio(colleague, e)
    assert not access.can_facilitate(colleague, e)
    with pytest.raises(Http404):
        access.readable_enrolment(colleague, enrolment.uuid)


def test_a_withdrawn_delegation_gives_nothing(enrolment, colleague):
    today = timezone.localdate()
    _delegate(enrolment, colleague, today, today, withdrawn_at=timezone.now(), withdrawn_by=enrolment.facilitator)
    assert not access.facilitates_now(colleague, fresh(enrolment))


def test_the_delegate_needs_the_facilitator_role(enrolment, colleague):
    today = timezone.localdate()
    _delegate(enrolment, colleague, today, today)
    revoke_role(colleague, Role.FACILITATOR, colleague.role_assignments.get().organisation)
    assert not access.can_read_portfolio(User.objects.get(pk=colleague.pk), fresh(enrolment))


def test_the_delegate_writes_only_while_the_enrolment_is_in_progress(enrolment, colleague):
    today = timezone.localdate()
    _delegate(enrolment, colleague, today, today)
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.COMPLETED)
    e = fresh(enrolment)
    assert access.can_read_portfolio(colleague, e)
    assert not access.can_facilitate(colleague, e)


def test_the_named_facilitator_costs_no_query(enrolment, django_assert_num_queries):
    facilitator = enrolment.facilitator
    access.has_role(facilitator, Role.FACILITATOR)  # roles are read once per request
    with django_assert_num_queries(0):
        assert access.facilitates_now(facilitator, enrolment)
