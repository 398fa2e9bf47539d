"""Personas shared by every app's tests (STYLE.md): learner, assessor (assigned and unassigned),
programme lead, supervisor, employer, administrator and the anonymous visitor (the `client`)."""

import io

import pytest
from django.core.management import call_command

from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

# The browser journeys' fixtures (browser, page, phone_page, strict_page, new_page, demo_data), for
# tests/browser and for the journeys each app keeps with its own tests.
pytest_plugins = ["tests.browser.fixtures"]

PASSWORD = "correct-horse-battery"


def pytest_sessionstart(session):
    # Once for the whole run, before any worker starts: the test settings serve static files through
    # production's manifest storage, which needs them collected (about a second; only changed files).
    if not hasattr(session.config, "workerinput"):
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())


@pytest.fixture
def practice(db):
    return OrganisationFactory(name="Test Practice", kind=Organisation.Kind.PRACTICE)


@pytest.fixture
def training_provider(db):
    return OrganisationFactory(name="Test Training Hub", kind=Organisation.Kind.TRAINING_PROVIDER)


def _person(role, organisation, name):
    return RoleAssignmentFactory(role=role, organisation=organisation, user=UserFactory(full_name=name)).user


@pytest.fixture
def learner(practice):
    return _person(Role.LEARNER, practice, "Test Learner")


@pytest.fixture
def other_learner(practice):
    return _person(Role.LEARNER, practice, "Other Learner")


@pytest.fixture
def assessor(practice):
    return _person(Role.ASSESSOR, practice, "Assigned Facilitator")


@pytest.fixture
def unassigned_assessor(db):
    return _person(Role.ASSESSOR, OrganisationFactory(name="Another Practice"), "Unassigned Facilitator")


@pytest.fixture
def supervisor(practice):
    return _person(Role.SUPERVISOR, practice, "Test Supervisor")


@pytest.fixture
def programme_lead(training_provider):
    return _person(Role.PROGRAMME_LEAD, training_provider, "Test Programme Lead")


@pytest.fixture
def employer(practice):
    return _person(Role.EMPLOYER, practice.parent, "Test Employer")


@pytest.fixture
def administrator(practice):
    user = _person(Role.ADMINISTRATOR, practice.parent.parent, "Test Administrator")
    user.is_staff = True
    user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@pytest.fixture
def signed_in(client):
    """Sign a persona in: `signed_in(learner)` returns the client."""

    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


@pytest.fixture
def cohort(training_provider, programme_lead):
    from coordinated_care.programmes.tests.factories import CohortFactory

    return CohortFactory(training_provider=training_provider, leads=[programme_lead])


@pytest.fixture
def enrolment(cohort, learner, practice, assessor, supervisor):
    """The learner's enrolment: `assessor` is their facilitator, `supervisor` their supervisor and
    `programme_lead` leads the cohort. `unassigned_assessor` has nothing to do with it."""
    from coordinated_care.programmes.services import enrol

    return enrol(cohort=cohort, learner=learner, practice=practice, facilitator=assessor, supervisor=supervisor)


@pytest.fixture
def other_enrolment(cohort, other_learner, unassigned_assessor):
    from coordinated_care.programmes.services import enrol

    return enrol(
        cohort=cohort,
        learner=other_learner,
        practice=unassigned_assessor.role_assignments.get().organisation,
        facilitator=unassigned_assessor,
    )


# Every persona, for tests that walk a view through all of them.
PERSONAS = [
    "learner",
    "other_learner",
    "assessor",
    "unassigned_assessor",
    "supervisor",
    "programme_lead",
    "employer",
    "administrator",
]
