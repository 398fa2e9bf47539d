"""The training needs pages: who may see them, what they show and change, their downloads and
what they cost in queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from conftest import ANONYMOUS, PERSONAS, Access, check_access
from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from coordinated_care.roles import services
from coordinated_care.roles.models import Rating, RoleHolder, SelfEvaluation

pytestmark = pytest.mark.django_db

MANAGERS = {"employer", "administrator"}
EVERYONE = [*PERSONAS, "outside_employer", ANONYMOUS]


@pytest.fixture
def holder(published_profile, practice):
    """A person in the profile's role at `practice`, rated on every pick."""
    person = RoleHolder.objects.create(
        user=UserFactory(full_name="Rated Person"), profile=published_profile, organisation=practice
    )
    picks = services.ordered_picks(services.current_version(published_profile))
    services.save_self_evaluation(person, {pick.pk: (1, 3) for pick in picks})
    return person


@pytest.fixture
def holder_user(holder):
    return holder.user


def state():
    return sorted(SelfEvaluation.objects.values_list("pk", "objectives", "agreed_by")) + sorted(
        Rating.objects.values_list("pick_id", "shown", "relevance")
    )


def rating_data(holder, shown=2, relevance=1):
    picks = services.ordered_picks(services.current_version(holder.profile))
    return {f"{kind}_{p.pk}": value for p in picks for kind, value in (("shown", shown), ("relevance", relevance))}


VIEWS = {
    "person": (lambda h: f"/roles/people/{h.uuid}/", MANAGERS, lambda h: {"objectives": "Shadow a colleague."}),
    "self-evaluation": (lambda h: f"/roles/my-roles/{h.uuid}/", {"holder_user"}, rating_data),
    "my roles": (lambda h: "/roles/my-roles/", {"holder_user"}, None),
}
PAGES = {
    "needs": lambda h: "/roles/needs/",
    "csv": lambda h: "/roles/needs/csv/",
    "xlsx": lambda h: "/roles/needs/xlsx/",
}


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("persona", [*EVERYONE, "holder_user"])
def test_only_managers_or_the_person_themself_see_or_change_a_persons_needs(view, persona, holder, request):
    path, readers, data = VIEWS[view]
    access = Access(readers, get=readers, post=readers if data else None)
    check_access(request, persona, path(holder), access, data=(lambda: data(holder)) if data else None, state=state)


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("persona", [p for p in EVERYONE if p != "outside_employer"])
def test_only_managers_see_a_teams_needs(page, persona, holder, request):
    check_access(request, persona, PAGES[page](holder), Access(MANAGERS, get=MANAGERS))


def test_an_outside_employer_sees_only_their_own_teams(holder, outside_employer, signed_in):
    client = signed_in(outside_employer)
    assert "Rated Person" not in client.get(f"/roles/needs/?organisation={holder.organisation.pk}").content.decode()
    assert "Rated Person" not in client.get(f"/roles/needs/csv/?organisation={holder.organisation.pk}").content.decode()
    assert client.get(f"/roles/people/{holder.uuid}/").status_code == 404


def test_the_heatmap_shows_each_persons_gap_with_the_teams_ranked_needs_beside_it(holder, employer, signed_in):
    page = signed_in(employer).get(f"/roles/needs/?organisation={holder.organisation.pk}").content.decode()
    assert "Heatmap: gap to the level expected" in page and "Rated Person" in page
    # Rated aware (1) on everything: practising picks have gap 1, REL.1.3 (leading) gap 2
    assert "Gap 1" in page and "Gap 2" in page
    assert "The team&#39;s needs, largest first" in page or "The team's needs, largest first" in page
    assert "The whole team falls short on:" in page


def test_the_csv_and_xlsx_list_every_person_and_pick_largest_need_first(holder, employer, signed_in):
    client = signed_in(employer)
    rows = list(csv.reader(io.StringIO(client.get("/roles/needs/csv/").content.decode())))
    assert rows[0][:3] == ["Organisation", "Person", "Role"] and len(rows) == 1 + 7
    needs = [int(row[-1]) for row in rows[1:]]
    assert needs == sorted(needs, reverse=True)
    # REL.1.3: essential, leading (3), shown aware (1): gap 2 × 2 × relevance 3 = 12
    assert rows[1][3] == "REL.1.3" and rows[1][-2:] == ["2", "12"]
    sheet = load_workbook(io.BytesIO(client.get("/roles/needs/xlsx/").content)).active
    assert [cell.value for cell in sheet[2]][3:] == [*rows[1][3:10], 2, 12]


def test_a_person_rates_themself_and_their_manager_agrees_objectives(holder, employer, signed_in):
    client = signed_in(holder.user)
    assert "Rate yourself as" in client.get("/roles/my-roles/").content.decode()
    response = client.post(f"/roles/my-roles/{holder.uuid}/", rating_data(holder, shown=3, relevance=1))
    assert response.status_code == 302
    assert set(Rating.objects.values_list("shown", flat=True)) == {3}
    response = signed_in(employer).post(f"/roles/people/{holder.uuid}/", {"objectives": "Lead the MDT huddle."})
    assert response.status_code == 302
    evaluation = SelfEvaluation.objects.get()
    assert (evaluation.objectives, evaluation.agreed_by) == ("Lead the MDT huddle.", employer)
    assert "Lead the MDT huddle." in signed_in(holder.user).get(f"/roles/my-roles/{holder.uuid}/").content.decode()


def test_a_self_evaluation_with_a_missing_rating_says_which(holder, signed_in):
    data = rating_data(holder)
    data.pop(next(iter(data)))
    response = signed_in(holder.user).post(f"/roles/my-roles/{holder.uuid}/", data)
    assert response.status_code == 200 and "Choose the level you show in" in response.content.decode()


def test_objectives_with_a_patient_identifier_are_refused(holder, employer, signed_in):
    response = signed_in(employer).post(
        f"/roles/people/{holder.uuid}/", {"objectives": "Follow up Mrs Jones, NHS number 943 476 5919."}
    )
    assert response.status_code == 200 and "nhsuk-error-summary" in response.content.decode()
    assert SelfEvaluation.objects.get().objectives == ""


def test_a_line_manager_elsewhere_reaches_the_person_they_manage(holder, signed_in):
    manager = RoleAssignmentFactory(
        role=Role.EMPLOYER, organisation=OrganisationFactory(kind=Organisation.Kind.PCN, name="Far PCN")
    ).user
    assert signed_in(manager).get(f"/roles/people/{holder.uuid}/").status_code == 404
    RoleHolder.objects.filter(pk=holder.pk).update(line_manager=manager)
    assert signed_in(manager).get(f"/roles/people/{holder.uuid}/").status_code == 200


@pytest.mark.parametrize("path, queries", [("/roles/needs/", 10), ("/roles/needs/csv/", 10), ("people", 11)])
def test_the_needs_pages_cost_a_fixed_number_of_queries(path, queries, holder, employer, signed_in, practice):
    client = signed_in(employer)
    url = f"/roles/people/{holder.uuid}/" if path == "people" else path
    for more in (False, True):
        if more:  # five more people, some rated
            picks = services.ordered_picks(services.current_version(holder.profile))
            for number in range(5):
                other = RoleHolder.objects.create(
                    user=UserFactory(full_name=f"Person {number}"), profile=holder.profile, organisation=practice
                )
                if number % 2:
                    services.save_self_evaluation(other, {pick.pk: (2, 2) for pick in picks})
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        assert len(captured) == queries, "\n".join(q["sql"] for q in captured.captured_queries)


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_the_profiles_managers_see_or_add_people_in_its_role(persona, published_profile, practice, request):
    newcomer = UserFactory(full_name="New Starter", email=f"new.starter.{persona}@example.test")
    check_access(
        request,
        persona,
        f"/roles/{published_profile.slug}/people/",
        Access(MANAGERS, get=MANAGERS, post=MANAGERS),
        data={"email": newcomer.email, "organisation": practice.pk},
        state=lambda: RoleHolder.objects.count(),
    )


def test_a_manager_adds_a_person_to_a_role_and_becomes_their_line_manager(
    published_profile, practice, employer, signed_in
):
    newcomer = UserFactory(full_name="New Starter")
    client = signed_in(employer)
    response = client.post(
        f"/roles/{published_profile.slug}/people/", {"email": newcomer.email.upper(), "organisation": practice.pk}
    )
    assert response.status_code == 302
    holder = RoleHolder.objects.get(user=newcomer)
    assert (holder.line_manager, holder.organisation) == (employer, practice)
    again = client.post(
        f"/roles/{published_profile.slug}/people/", {"email": newcomer.email, "organisation": practice.pk}
    )
    assert "already in this role" in again.content.decode()
    unknown = client.post(
        f"/roles/{published_profile.slug}/people/", {"email": "nobody@example.test", "organisation": practice.pk}
    )
    assert "No one with an account has that e-mail address." in unknown.content.decode()
    assert RoleHolder.objects.count() == 1
    assert "Rate yourself as" in signed_in(newcomer).get("/roles/my-roles/").content.decode()


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text(holder, employer, signed_in):
    holder.user.full_name = '=HYPERLINK("http://example.test","x")'
    holder.user.save()
    client = signed_in(employer)
    rows = list(csv.reader(io.StringIO(client.get("/roles/needs/csv/").content.decode())))
    assert rows[1][1] == "'" + holder.user.full_name
    sheet = load_workbook(io.BytesIO(client.get("/roles/needs/xlsx/").content)).active
    assert sheet.cell(row=2, column=2).value == "'" + holder.user.full_name
    assert sheet.cell(row=2, column=2).data_type == "s"


@pytest.mark.parametrize("page", ["holders", "self-evaluation", "programme"])
def test_the_other_role_pages_cost_a_fixed_number_of_queries(
    page, holder, employer, programme_lead, signed_in, practice
):
    who, url = {
        "holders": (employer, f"/roles/{holder.profile.slug}/people/"),
        "self-evaluation": (holder.user, f"/roles/my-roles/{holder.uuid}/"),
        "programme": (programme_lead, "/roles/programme-from-profile/"),
    }[page]
    client = signed_in(who)
    counts = []
    for more in (False, True):
        if more:  # more people in the role, and more published profiles
            for number in range(3):
                RoleHolder.objects.create(user=UserFactory(), profile=holder.profile, organisation=practice)
                point = services.starting_points()[number]
                services.publish(services.draft_of(services.copy_starting_point(point, organisation=practice)))
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_a_person_in_a_role_finds_where_to_rate_themself_from_their_home_page(signed_in, holder, learner, practice):
    html = signed_in(holder.user).get("/").content.decode()
    assert '<a href="/roles/my-roles/">Rate yourself against your role profile</a>' in html
    # A learner in a role too sees it on their own home page.
    holder.user = learner
    holder.save(update_fields=["user"])
    assert 'href="/roles/my-roles/"' in signed_in(learner).get("/learner/").content.decode()
    assert 'href="/roles/my-roles/"' not in signed_in(holder.user).get("/framework/").content.decode()
