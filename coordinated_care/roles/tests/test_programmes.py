"""A programme template from a role profile: its criteria are the profile's picks."""

import pytest

from conftest import ANONYMOUS, PERSONAS, Access, check_access
from coordinated_care.programmes.models import Criterion, Programme
from coordinated_care.roles import services
from coordinated_care.roles.services.programmes import programme_from_profile

pytestmark = pytest.mark.django_db

BUILDERS = {"programme_lead", "administrator"}


def test_the_programmes_criteria_are_the_profiles_picks_grouped_by_domain(published_profile):
    version = services.current_version(published_profile)
    programme = programme_from_profile(version, title="Care coordination (test)")
    assert (programme.status, programme.framework_version) == ("draft", version.framework_version)
    criteria = list(Criterion.objects.filter(programme=programme).prefetch_related("competencies"))
    picks = services.ordered_picks(version)
    assert [c.code for c in criteria] == [p.item.code for p in picks]
    assert [list(c.competencies.all()) for c in criteria] == [[p.item] for p in picks]
    assert [g.code for g in programme.criterion_groups.all()] == ["COM", "REL", "PCC", "CL"]  # the framework's order
    assert all(c.wording for c in criteria)


def test_a_draft_profile_cannot_become_a_programme(profile):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        programme_from_profile(services.draft_of(profile), title="Nope")
    assert not Programme.objects.exists()


@pytest.mark.parametrize("persona", [*PERSONAS, "outside_employer", ANONYMOUS])
def test_only_programme_leads_and_administrators_start_one(persona, published_profile, request):
    version = services.current_version(published_profile)
    check_access(
        request,
        persona,
        "/roles/programme-from-profile/",
        Access(BUILDERS, get=BUILDERS, post=BUILDERS),
        data={"profile": str(version.pk), "title": f"From the profile ({persona})"},
        state=lambda: Programme.objects.count(),
    )


def test_a_lead_starts_one_on_the_page(published_profile, programme_lead, signed_in):
    client = signed_in(programme_lead)
    version = services.current_version(published_profile)
    page = client.get("/roles/programme-from-profile/").content.decode()
    assert "Care coordinator (test) (Test Practice, version 1)" in page
    response = client.post("/roles/programme-from-profile/", {"profile": str(version.pk), "title": "Navigation"})
    assert response.status_code == 302
    assert "is a draft programme with 7 criteria" in client.get(response["Location"]).content.decode()
    assert client.post("/roles/programme-from-profile/", {"profile": "999", "title": "x"}).status_code == 200
