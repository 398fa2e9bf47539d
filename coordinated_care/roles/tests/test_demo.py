"""The demo data holds a team of six in a role, each with a self-evaluation, whose needs show real
patterns."""

import io

import pytest
from django.core.management import call_command

from coordinated_care.accounts.models import Organisation
from coordinated_care.roles import services
from coordinated_care.roles.models import RoleHolder, SelfEvaluation

pytestmark = pytest.mark.django_db


def test_the_demo_team_has_six_people_rated_against_their_role_and_real_patterns():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # safe to run again
    assert RoleHolder.objects.count() == 6 and SelfEvaluation.objects.count() == 6
    pcn = Organisation.objects.get(name="Demo Riverside Primary Care Network")
    [team] = services.needs_of(services.holders_in(services.organisations_under(pcn)))
    assert len(team.people) == 6
    assert "PCC.1" in [pick.item.code for pick in team.whole_team_short]
    assert "REL.6" in [pick.item.code for pick in team.held_by_one]
    signed = [cell for person in team.people for cell in person.cells if cell.signed_off]
    assert signed, "the demo learner's signed-off criteria count as shown"
    assert len({person.total for person in team.people}) > 3
