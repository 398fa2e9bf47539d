"""Building delegations for the tests (ADR 16)."""

import datetime

from django.utils import timezone

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from coordinated_care.programmes.services import delegations


def colleague_of(enrolment, name="Colleague Facilitator", organisation=None):
    """A facilitator in the learner's practice (or `organisation`)."""
    organisation = organisation or enrolment.practice
    return RoleAssignmentFactory(
        role=Role.FACILITATOR, organisation=organisation, user=UserFactory(full_name=name)
    ).user


def practice_in_pcn_of(enrolment, name="Neighbouring Practice"):
    return OrganisationFactory(name=name, parent=enrolment.practice.parent)


def delegate_to(enrolment, delegate, *, days=14, starts_on=None, by=None, reason="Annual leave"):
    starts_on = starts_on or timezone.localdate()
    return delegations.delegate(
        enrolment=enrolment,
        user=by or enrolment.facilitator,
        delegate=delegate,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=days - 1),
        reason=reason,
    )
