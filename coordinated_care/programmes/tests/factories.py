import datetime

import factory

from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from coordinated_care.frameworks.services import load_shipped_framework
from coordinated_care.programmes import services
from coordinated_care.programmes.models import Cohort, Enrolment


def shipped_programme():
    load_shipped_framework()
    return services.load_shipped_programme()


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    programme = factory.LazyFunction(shipped_programme)
    name = factory.Sequence(lambda n: f"Test cohort {n}")
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(weeks=5))
    training_provider = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.TRAINING_PROVIDER)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_cohort(**kwargs)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    practice = factory.SubFactory(OrganisationFactory)
    learner = factory.LazyAttribute(lambda o: RoleAssignmentFactory(role=Role.LEARNER, organisation=o.practice).user)
    facilitator = factory.LazyAttribute(
        lambda o: RoleAssignmentFactory(role=Role.FACILITATOR, organisation=o.practice).user
    )
    supervisor = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.enrol(**kwargs)


__all__ = ["CohortFactory", "EnrolmentFactory", "UserFactory"]
