"""The role profile pages: who may use them (the employers of the owning organisation and of the
organisations above it, and administrators; everyone else is told the profile does not exist),
what they change, and what they cost in queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import ANONYMOUS, NOT_ALLOWED, PERSONAS, Access, check_access
from coordinated_care.roles import services
from coordinated_care.roles.models import RoleProfile, RoleProfileVersion

pytestmark = pytest.mark.django_db

MANAGERS = {"employer", "administrator"}
EVERYONE = [*PERSONAS, "outside_employer", ANONYMOUS]
# Pages that name no profile are open to every employer: an outside employer's list holds only their
# own profiles, and what they post can only be for their own organisations (tested below).
NAMES_NO_PROFILE = {"list", "create", "copy"}


def grid_data(version, **overrides):
    """What the edit page posts for a version as it stands, with `overrides`."""
    data = {name: getattr(version, name) for name in ("title", "purpose", "setting", "band", "hours")}
    data["duties"] = "\n".join(version.duty_lines)
    for pick in services.ordered_picks(version):
        key = pick.item.code.replace(".", "_")
        data.update({f"pick_{key}": "on", f"priority_{key}": pick.priority, f"level_{key}": pick.level})
        data[f"tested_{key}"] = pick.tested_by
    data.update(overrides)
    return data


def profiles_state():
    return sorted(RoleProfileVersion.objects.values_list("profile_id", "number", "status", "title"))


VIEWS = {
    # name: (fixture, path, Access, data)
    "list": ("profile", lambda p: "/roles/", Access(MANAGERS, get=MANAGERS), None),
    "create": (
        "profile",
        lambda p: "/roles/new/",
        Access(MANAGERS, get=MANAGERS, post=MANAGERS),
        lambda p: {
            "title": "New role",
            "organisation": p.organisation.pk,
            "framework_version": services.draft_of(p).framework_version.pk,
        },
    ),
    "copy": (
        "profile",
        lambda p: "/roles/copy/",
        Access(MANAGERS, get=MANAGERS, post=MANAGERS),
        lambda p: {"source": "start:care-navigator", "organisation": p.organisation.pk},
    ),
    "profile": ("profile", lambda p: f"/roles/{p.slug}/", Access(MANAGERS, get=MANAGERS), None),
    "edit": (
        "profile",
        lambda p: f"/roles/{p.slug}/edit/",
        Access(MANAGERS, get=MANAGERS, post=MANAGERS),
        lambda p: grid_data(services.draft_of(p), title="Renamed"),
    ),
    "publish": ("profile", lambda p: f"/roles/{p.slug}/publish/", Access(MANAGERS, get=MANAGERS, post=MANAGERS), None),
    "new version": (
        "published_profile",
        lambda p: f"/roles/{p.slug}/new-version/",
        Access(MANAGERS, get=NOT_ALLOWED, post=MANAGERS),
        None,
    ),
    "document": (
        "profile",
        lambda p: f"/roles/{p.slug}/documents/job-description/",
        Access(MANAGERS, get=MANAGERS),
        None,
    ),
    "docx": (
        "profile",
        lambda p: f"/roles/{p.slug}/documents/interview-plan/docx/",
        Access(MANAGERS, get=MANAGERS),
        None,
    ),
    "pdf": ("profile", lambda p: f"/roles/{p.slug}/documents/advert/pdf/", Access(MANAGERS, get=MANAGERS), None),
}


@pytest.mark.parametrize(
    "view, persona",
    [(v, p) for v in VIEWS for p in EVERYONE if not (p == "outside_employer" and v in NAMES_NO_PROFILE)],
)
def test_only_the_owners_employers_and_administrators_see_or_change_a_profile(view, persona, request):
    fixture, path, access, data = VIEWS[view]
    profile = request.getfixturevalue(fixture)
    counts = (RoleProfile.objects.count(), profiles_state())
    check_access(
        request,
        persona,
        path(profile),
        access,
        data=(lambda: data(profile)) if data else None,
        state=lambda: (RoleProfile.objects.count(), profiles_state()),
    )
    if persona not in MANAGERS:
        assert (RoleProfile.objects.count(), profiles_state()) == counts


def test_the_list_shows_only_the_profiles_one_manages(profile, outside_employer, employer, signed_in):
    elsewhere = services.copy_starting_point(
        services.starting_point("wellbeing-adviser"), organisation=outside_employer.role_assignments.get().organisation
    )
    mine = signed_in(employer).get("/roles/").content.decode()
    assert f"/roles/{profile.slug}/" in mine and elsewhere.slug not in mine
    signed_in(outside_employer)
    theirs = signed_in(outside_employer).get("/roles/").content.decode()
    assert elsewhere.slug in theirs and profile.slug not in theirs


def test_an_employer_of_an_ancestor_manages_a_practices_profile_but_not_its_parents(
    profile, employer, practice, signed_in
):
    client = signed_in(employer)
    assert client.get(f"/roles/{profile.slug}/").status_code == 200
    from coordinated_care.accounts.models import Role
    from coordinated_care.accounts.tests.factories import RoleAssignmentFactory

    practice_manager = RoleAssignmentFactory(role=Role.EMPLOYER, organisation=practice).user
    above = services.copy_starting_point(services.starting_point("care-navigator"), organisation=practice.parent)
    client = signed_in(practice_manager)
    assert client.get(f"/roles/{profile.slug}/").status_code == 200
    assert client.get(f"/roles/{above.slug}/").status_code == 404


def test_a_missing_profile_or_document_is_not_found(profile, employer, signed_in):
    client = signed_in(employer)
    assert client.get("/roles/nothing-here/").status_code == 404
    assert client.get(f"/roles/{profile.slug}/documents/cover-letter/").status_code == 404


def test_an_employer_creates_a_profile_and_picks_its_competencies_in_one_grid(shipped, employer, practice, signed_in):
    client = signed_in(employer)
    response = client.post(
        "/roles/new/", {"title": "Link worker", "organisation": practice.pk, "framework_version": shipped.pk}
    )
    profile = RoleProfile.objects.get()
    assert response["Location"] == f"/roles/{profile.slug}/edit/"
    page = client.get(response["Location"]).content.decode()
    assert 'name="pick_COM_1"' in page and 'name="pick_REL_1_1"' in page and 'name="pick_COM_T1"' not in page
    data = {
        "title": "Link worker",
        "purpose": "Connects people with community groups.",
        "setting": "Primary care network",
        "band": "",
        "hours": "",
        "duties": "Run a weekly drop-in\n\nKeep the directory",
        "pick_COM_5": "on",
        "priority_COM_5": "essential",
        "level_COM_5": "leading",
        "tested_COM_5": ["interview", "application"],
        "pick_REL_1_1": "on",
        "priority_REL_1_1": "desirable",
        "level_REL_1_1": "aware",
        # Not ticked: its choices are ignored.
        "priority_COM_1": "essential",
        "level_COM_1": "aware",
    }
    response = client.post(f"/roles/{profile.slug}/edit/", data)
    assert response.status_code == 302, response.content.decode()
    draft = services.draft_of(profile)
    picks = services.ordered_picks(draft)
    assert [(p.item.code, p.priority, p.level, p.tested_by) for p in picks] == [
        ("COM.5", "essential", "leading", ["application", "interview"]),
        ("REL.1.1", "desirable", "aware", []),
    ]
    assert draft.duty_lines == ["Run a weekly drop-in", "Keep the directory"]


def test_the_grid_shows_a_drafts_picks_as_chosen(profile, employer, signed_in):
    page = signed_in(employer).get(f"/roles/{profile.slug}/edit/").content.decode()
    assert 'id="id_pick_PCC_1" name="pick_PCC_1" type="checkbox" value="on" checked' in page
    assert 'id="id_pick_PCC_2" name="pick_PCC_2" type="checkbox" value="on">' in page
    assert '<option value="desirable" selected>' in page


def test_a_title_is_needed(profile, employer, signed_in):
    response = signed_in(employer).post(f"/roles/{profile.slug}/edit/", grid_data(services.draft_of(profile), title=""))
    assert response.status_code == 200 and "Enter the job title" in response.content.decode()
    assert services.draft_of(profile).title == "Care coordinator (test)"


def test_publishing_makes_the_draft_current_and_a_published_profile_has_no_edit_page(profile, employer, signed_in):
    client = signed_in(employer)
    assert client.post(f"/roles/{profile.slug}/publish/")["Location"] == f"/roles/{profile.slug}/"
    assert services.current_version(profile).number == 1
    assert client.get(f"/roles/{profile.slug}/edit/")["Location"] == f"/roles/{profile.slug}/"
    assert client.get(f"/roles/{profile.slug}/publish/").status_code == 404
    response = client.post(f"/roles/{profile.slug}/new-version/")
    assert response["Location"] == f"/roles/{profile.slug}/edit/"
    assert services.draft_of(profile).number == 2


def test_publishing_an_empty_draft_says_what_is_missing(shipped, practice, employer, signed_in):
    empty = services.create_profile(
        organisation=practice, framework_version=shipped, spec=services.ProfileSpec("Empty", ())
    )
    response = signed_in(employer).post(f"/roles/{empty.slug}/publish/")
    assert response.status_code == 200 and "Pick at least one competency" in response.content.decode()


def test_copying_a_starting_point_or_a_shared_profile_makes_a_draft_of_ones_own(
    published_profile, outside_employer, signed_in
):
    client = signed_in(outside_employer)
    elsewhere = outside_employer.role_assignments.get().organisation
    page = client.get("/roles/copy/").content.decode()
    shared = services.current_version(published_profile)
    assert "Care navigator" in page and f'value="profile:{shared.pk}"' in page
    response = client.post("/roles/copy/", {"source": f"profile:{shared.pk}", "organisation": elsewhere.pk})
    copy = RoleProfile.objects.get(organisation=elsewhere)
    assert response["Location"] == f"/roles/{copy.slug}/edit/"
    response = client.post("/roles/copy/", {"source": "start:care-navigator", "organisation": elsewhere.pk})
    assert RoleProfile.objects.filter(organisation=elsewhere).count() == 2


def test_one_cannot_copy_into_an_organisation_one_does_not_manage(published_profile, outside_employer, signed_in):
    response = signed_in(outside_employer).post(
        "/roles/copy/", {"source": "start:care-navigator", "organisation": published_profile.organisation.pk}
    )
    assert response.status_code == 200 and "Choose one of your organisations" in response.content.decode()
    assert RoleProfile.objects.count() == 1


def test_an_outside_employer_sees_only_their_own_organisations_to_create_in(profile, outside_employer, signed_in):
    client = signed_in(outside_employer)
    page = client.get("/roles/new/").content.decode()
    assert "Elsewhere PCN" in page and "Test Practice" not in page
    data = {
        "title": "Mine",
        "organisation": profile.organisation.pk,
        "framework_version": services.draft_of(profile).framework_version.pk,
    }
    response = client.post("/roles/new/", data)
    assert response.status_code == 200 and "Choose one of your organisations" in response.content.decode()
    assert RoleProfile.objects.count() == 1


def test_a_purpose_with_a_patient_identifier_is_refused(profile, employer, signed_in):
    data = grid_data(
        services.draft_of(profile), purpose="Supports Mrs Jones at 14 Elm Road, B15 3TN, NHS number 943 476 5919."
    )
    response = signed_in(employer).post(f"/roles/{profile.slug}/edit/", data)
    assert response.status_code == 200 and "nhsuk-error-summary" in response.content.decode()
    assert services.draft_of(profile).purpose == "To coordinate people's care across health and social care."


@pytest.mark.parametrize(
    "path, queries",
    [
        # The session, the person and their roles, then the page's own.
        (lambda p: "/roles/", 5),
        (lambda p: "/roles/new/", 5),
        (lambda p: "/roles/copy/", 5),
        (lambda p: f"/roles/{p.slug}/", 7),
        (lambda p: f"/roles/{p.slug}/edit/", 10),
        (lambda p: f"/roles/{p.slug}/documents/interview-plan/", 11),
    ],
)
def test_each_page_costs_a_fixed_number_of_queries(path, queries, profile, employer, signed_in, practice):
    client = signed_in(employer)
    for more in (False, True):
        if more:  # however many profiles, picks and shared profiles there are
            for point in services.starting_points():
                services.publish(services.draft_of(services.copy_starting_point(point, organisation=practice)))
            draft = services.draft_of(profile)
            services.update_draft(
                draft,
                services.ProfileSpec(
                    draft.title,
                    tuple(
                        services.PickSpec(code, "essential", "leading", ("interview",))
                        for code in ("COM.1", "COM.2", "COM.3", "CL.K1", "REL.1", "REL.1.1", "REL.4")
                    ),
                ),
            )
        client.get(path(profile))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path(profile)).status_code == 200
        assert len(captured) == queries, "\n".join(q["sql"] for q in captured.captured_queries)
