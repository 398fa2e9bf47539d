"""Fixtures of the role profile tests: the shipped framework with its content, a profile made from
the file we keep (data/profile.json) owned by the `practice` persona's organisation, and an
employer of another organisation."""

from pathlib import Path

import pytest

from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from coordinated_care.frameworks.services import load_shipped_framework
from coordinated_care.roles import services

PROFILE_FILE = Path(__file__).resolve().parent / "data" / "profile.json"


@pytest.fixture
def shipped(db):
    version = load_shipped_framework()
    services.load_shipped_content()
    return version


@pytest.fixture
def profile(shipped, practice):
    """A draft profile of `practice` (its PCN's employer, the `employer` persona, manages it)."""
    return services.import_profile(PROFILE_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def published_profile(profile):
    services.publish(services.draft_of(profile))
    return profile


@pytest.fixture
def outside_employer(db):
    """An employer at another PCN, in another ICB."""
    pcn = OrganisationFactory(name="Elsewhere PCN", kind=Organisation.Kind.PCN)
    return RoleAssignmentFactory(
        role=Role.EMPLOYER, organisation=pcn, user=UserFactory(full_name="Outside Employer")
    ).user
