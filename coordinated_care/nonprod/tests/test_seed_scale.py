from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from coordinated_care.accounts.models import Organisation, Role, RoleAssignment
from coordinated_care.portfolios.models import Entry, EvidenceLink
from coordinated_care.programmes.models import Enrolment


@pytest.mark.django_db
def test_seed_scale_makes_learners_with_entries_in_batches():
    call_command("seed_scale", "--learners", "7", "--entries", "2", "--batch", "3", stdout=StringIO())
    assert Enrolment.objects.count() == 7
    assert Entry.objects.count() == 14
    assert EvidenceLink.objects.count() == 14
    # Run twice, it adds more rather than failing on names it made before.
    call_command("seed_scale", "--learners", "2", "--entries", "1", stdout=StringIO())
    assert Enrolment.objects.count() == 9
    # Each run's ICB has an employer (its commissioner), for the organisation dashboard.
    for icb in Organisation.objects.filter(kind=Organisation.Kind.ICB, name__startswith="Scale ICB "):
        assert RoleAssignment.objects.filter(role=Role.EMPLOYER, organisation=icb).count() == 1
    assert Organisation.objects.filter(kind=Organisation.Kind.ICB, name__startswith="Scale ICB ").count() == 2


@pytest.mark.django_db
def test_seed_scale_refuses_nonsense():
    with pytest.raises(CommandError):
        call_command("seed_scale", "--learners", "0", stdout=StringIO())
