"""Who may read and change a portfolio: the rules every app asks (programmes.services.access).

The enrolment names the people around a learner; each reads the portfolio only while they hold
the role they were named for, read when they ask, and the facilitator writes only while the
enrolment is in progress."""

import uuid

import pytest
from django.http import Http404

from conftest import PERSONAS, PORTFOLIO_READERS
from coordinated_care.accounts.models import Role, User
from coordinated_care.accounts.services import revoke_role
from coordinated_care.programmes.services import access


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_writes_and_facilitates_a_portfolio(enrolment, persona, request):
    user = request.getfixturevalue(persona)
    assert access.can_read_portfolio(user, enrolment) is (persona in PORTFOLIO_READERS)
    assert access.can_edit_portfolio(user, enrolment) is (persona == "learner")
    assert access.is_facilitator(user, enrolment) is (persona == "facilitator")
    assert access.can_facilitate(user, enrolment) is (persona == "facilitator")
    assert access.is_supervisor(user, enrolment) is (persona == "supervisor")


@pytest.mark.parametrize(
    "persona, role",
    [("facilitator", Role.FACILITATOR), ("supervisor", Role.SUPERVISOR), ("programme_lead", Role.PROGRAMME_LEAD)],
)
def test_taking_the_role_away_takes_the_portfolio_away(enrolment, persona, role, request):
    """Still named on the enrolment or the cohort, but no longer holding the role."""
    user = request.getfixturevalue(persona)
    assert access.can_read_portfolio(user, enrolment)
    revoke_role(user, role, user.role_assignments.get(role=role).organisation)
    as_they_ask_next = User.objects.get(pk=user.pk)
    assert not access.can_read_portfolio(as_they_ask_next, enrolment)
    assert not access.can_read_portfolio(user, enrolment)  # revoke_role forgets what it had read
    with pytest.raises(Http404):
        access.readable_enrolment(as_they_ask_next, enrolment.uuid)


def test_a_revoked_facilitator_neither_reads_nor_facilitates(enrolment, revoked_facilitator):
    assert enrolment.facilitator == revoked_facilitator
    assert not access.is_facilitator(revoked_facilitator, enrolment)
    assert not access.can_facilitate(revoked_facilitator, enrolment)
    assert not access.can_read_portfolio(revoked_facilitator, enrolment)


def test_the_facilitator_writes_only_while_the_enrolment_is_in_progress(enrolment, facilitator):
    enrolment.status = enrolment.Status.COMPLETED
    enrolment.save(update_fields=["status"])
    assert access.is_facilitator(facilitator, enrolment) and access.can_read_portfolio(facilitator, enrolment)
    assert not access.can_facilitate(facilitator, enrolment)


def test_a_learner_named_as_their_own_facilitator_is_not_their_facilitator(enrolment, learner, practice):
    from coordinated_care.accounts.services import grant_role

    grant_role(learner, Role.FACILITATOR, practice)
    enrolment.facilitator = learner
    assert not access.is_facilitator(learner, enrolment)
    assert access.can_read_portfolio(learner, enrolment)  # as its learner


def test_a_portfolio_one_may_not_read_is_not_found_like_one_that_does_not_exist(enrolment, other_learner):
    with pytest.raises(Http404):
        access.readable_enrolment(other_learner, enrolment.uuid)
    with pytest.raises(Http404):
        access.readable_enrolment(enrolment.learner, uuid.uuid4())


def test_finding_a_portfolio_costs_one_query_and_the_roles_once_per_request(
    enrolment, facilitator, django_assert_num_queries
):
    facilitator = User.objects.get(pk=facilitator.pk)  # as the request loads them
    with django_assert_num_queries(2):  # the enrolment with its people, and the roles
        found = access.readable_enrolment(facilitator, enrolment.uuid)
    with django_assert_num_queries(1):
        access.readable_enrolment(facilitator, enrolment.uuid)
    with django_assert_num_queries(0):
        assert found.learner.full_name and found.cohort.programme.title and found.practice.name
