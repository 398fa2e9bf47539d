"""The rules of role profiles, tested on the services directly: drafts change, published versions
never do, a new version starts as a copy, and copies of starting points and of other
organisations' profiles are drafts of one's own."""

import json

import pytest
from django.core.exceptions import ValidationError

from coordinated_care.roles import services
from coordinated_care.roles.models import Pick, RoleProfile, RoleProfileVersion, VersionLocked
from coordinated_care.roles.services import PickSpec, ProfileSpec

from .conftest import PROFILE_FILE

pytestmark = pytest.mark.django_db


def codes(version):
    return [pick.item.code for pick in services.ordered_picks(version)]


def test_an_imported_profile_is_a_draft_of_the_organisation_named_with_its_picks_in_framework_order(profile, practice):
    version = profile.versions.get()
    assert version.is_draft and version.number == 1 and profile.organisation == practice
    assert codes(version) == ["COM.1", "COM.5", "REL.1.3", "REL.2", "PCC.1", "CL.K4", "CL.1"]
    assert version.duty_lines == [
        "Take part in multidisciplinary team meetings",
        "Keep the practice's directory of local services up to date",
    ]
    pick = next(p for p in services.ordered_picks(version) if p.item.code == "PCC.1")
    assert (pick.priority, pick.level, pick.tested_by) == ("desirable", "aware", ["interview", "in post"])


def test_a_draft_is_replaced_whole_by_an_update(profile):
    draft = services.draft_of(profile)
    spec = ProfileSpec(
        title="Renamed", purpose="New purpose", picks=(PickSpec("REL.6", "essential", "leading", ("interview",)),)
    )
    services.update_draft(draft, spec)
    draft.refresh_from_db()
    assert (draft.title, draft.purpose, draft.duties) == ("Renamed", "New purpose", "")
    assert codes(draft) == ["REL.6"]


def test_an_update_naming_an_item_the_framework_lacks_is_refused_and_changes_nothing(profile):
    draft = services.draft_of(profile)
    spec = ProfileSpec(title="Renamed", picks=(PickSpec("COM.99", "essential", "aware"),))
    with pytest.raises(ValidationError, match="COM.99"):
        services.update_draft(draft, spec)
    draft.refresh_from_db()
    assert draft.title == "Care coordinator (test)" and len(codes(draft)) == 7


def test_a_theme_or_a_domain_cannot_be_picked(profile):
    for code in ("COM.T1", "COM"):
        with pytest.raises(ValidationError, match="no competency or component"):
            services.update_draft(
                services.draft_of(profile), ProfileSpec(title="x", picks=(PickSpec(code, "essential", "aware"),))
            )


def test_a_published_version_never_changes(published_profile):
    version = services.current_version(published_profile)
    assert version.published_at is not None
    with pytest.raises(VersionLocked):
        services.update_draft(version, ProfileSpec(title="Changed", picks=()))
    version.title = "Changed"
    with pytest.raises(VersionLocked):
        version.save()
    with pytest.raises(VersionLocked):
        RoleProfileVersion.objects.filter(pk=version.pk).update(title="Changed")
    with pytest.raises(VersionLocked):
        Pick.objects.filter(version=version).delete()
    with pytest.raises(VersionLocked):
        Pick.objects.filter(version=version).update(priority="desirable")
    pick = Pick.objects.filter(version=version).first()
    copy = Pick(version=version, item=pick.item, priority=pick.priority, level=pick.level)
    with pytest.raises(VersionLocked, match="only be added to a draft"):
        Pick.objects.bulk_create([copy])
    pick.priority = "desirable"
    with pytest.raises(VersionLocked):
        pick.save()
    with pytest.raises(VersionLocked):
        version.delete()
    with pytest.raises(VersionLocked):
        services.publish(version)
    version.refresh_from_db()
    assert version.title == "Care coordinator (test)" and Pick.objects.filter(version=version).count() == 7


def test_publishing_needs_a_pick(shipped, practice):
    profile = services.create_profile(organisation=practice, framework_version=shipped, spec=ProfileSpec("Empty", ()))
    with pytest.raises(ValidationError, match="at least one"):
        services.publish(services.draft_of(profile))
    assert services.current_version(profile) is None


def test_a_new_version_starts_as_a_copy_of_the_published_one_which_stays_current(published_profile):
    first = services.current_version(published_profile)
    second = services.new_version(published_profile)
    assert (second.number, second.is_draft) == (2, True)
    assert codes(second) == codes(first)
    assert [(p.priority, p.level, p.tested_by) for p in services.ordered_picks(second)] == [
        (p.priority, p.level, p.tested_by) for p in services.ordered_picks(first)
    ]
    assert services.current_version(published_profile) == first
    assert services.document_version(published_profile) == first
    services.update_draft(second, ProfileSpec(title="Second", picks=(PickSpec("COM.2", "essential", "aware"),)))
    assert codes(first) == ["COM.1", "COM.5", "REL.1.3", "REL.2", "PCC.1", "CL.K4", "CL.1"]
    services.publish(second)
    assert services.current_version(published_profile).number == 2


def test_a_new_version_is_refused_while_a_draft_exists(published_profile):
    services.new_version(published_profile)
    with pytest.raises(ValidationError, match="already has a draft"):
        services.new_version(published_profile)
    assert published_profile.versions.count() == 2


def test_a_new_version_is_refused_before_the_first_is_published(shipped, practice):
    profile = services.create_profile(organisation=practice, framework_version=shipped, spec=ProfileSpec("New", ()))
    services.draft_of(profile).delete()
    with pytest.raises(ValidationError, match="Publish the first version"):
        services.new_version(profile)
    assert not profile.versions.exists()


def test_another_organisations_published_profile_is_copied_as_a_draft_of_ones_own(published_profile, outside_employer):
    elsewhere = outside_employer.role_assignments.get().organisation
    source = services.current_version(published_profile)
    assert source in services.shared_versions([elsewhere])
    copy = services.copy_profile(source, organisation=elsewhere, created_by=outside_employer)
    draft = services.draft_of(copy)
    assert copy.organisation == elsewhere and draft.number == 1 and codes(draft) == codes(source)
    assert draft.based_on == "Care coordinator (test), version 1, of Test Practice"
    services.update_draft(draft, ProfileSpec(title="Mine", picks=(PickSpec("COM.2", "essential", "aware"),)))
    assert codes(source) == ["COM.1", "COM.5", "REL.1.3", "REL.2", "PCC.1", "CL.K4", "CL.1"]


def test_a_draft_cannot_be_copied(profile, outside_employer):
    with pytest.raises(ValidationError, match="published"):
        services.copy_profile(
            services.draft_of(profile), organisation=outside_employer.role_assignments.get().organisation
        )


def test_drafts_are_not_shared(profile):
    assert services.shared_versions([]) == []


@pytest.mark.parametrize("point", [p.slug for p in services.starting_points()])
def test_every_starting_point_copies_into_a_draft_that_can_be_published(point, shipped, practice):
    copy = services.copy_starting_point(services.starting_point(point), organisation=practice)
    draft = services.draft_of(copy)
    assert draft.title == services.starting_point(point).title and codes(draft)
    assert draft.based_on.startswith("the shipped starting point")
    services.publish(draft)


def test_the_guides_roles_are_shipped_as_starting_points():
    assert sorted(p.title for p in services.starting_points()) == [
        "Care coordinator",
        "Care navigator",
        "Discharge coordinator",
        "Social prescribing link worker",
        "Wellbeing adviser",
    ]


def test_slugs_are_unique_per_profile(shipped, practice):
    data = json.loads(PROFILE_FILE.read_text())
    first = services.import_profile(json.dumps(data))
    second = services.import_profile(json.dumps(data))
    assert first.slug != second.slug and RoleProfile.objects.count() == 2
