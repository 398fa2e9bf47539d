"""Curriculum coverage for education and training providers: a programme's or a course's coverage
of the framework, how each item is covered, what none covers, and the comparison with a role
profile; only programme leads (of the course's provider) and administrators."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import ANONYMOUS, PERSONAS, Access, check_access
from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory
from coordinated_care.frameworks.models import FrameworkItem
from coordinated_care.programmes.tests.factories import shipped_programme
from coordinated_care.roles import services
from coordinated_care.roles.models import Course, Session
from coordinated_care.roles.services import coverage

pytestmark = pytest.mark.django_db

LEADS = {"programme_lead", "administrator"}


@pytest.fixture
def course(shipped, training_provider):
    course = coverage.create_course(
        training_provider=training_provider, framework_version=shipped, title="Induction course"
    )
    items = list(FrameworkItem.objects.filter(version=shipped, code__in=["COM.1", "PCC.1"]))
    coverage.add_session(
        course,
        title="Talking with people",
        learning_outcomes="Build rapport\nExplain medicines reconciliation",
        items=items,
    )
    return course


def test_a_programmes_coverage_says_how_each_item_is_covered_and_what_none_covers(shipped, published_profile):
    programme = shipped_programme()
    result = coverage.programme_coverage(programme)
    rows = {row.item.code: row for row in result.rows}
    assert "Criterion PC1" in rows["PCC.K1"].how
    assert any(how.startswith("Workshop WS") for how in rows["PCC.K1"].how)
    uncovered = {row.item.code for row in result.uncovered}
    assert {"PCC.1", "PCC.3"} <= uncovered  # the guide adds them; the programme's criteria do not
    coverage.compare(result, services.current_version(published_profile))
    assert "PCC.1" in {row.item.code for row in result.picked_but_uncovered}


def test_a_courses_sessions_are_its_coverage(course):
    result = coverage.course_coverage(course)
    covered = {row.item.code: row.how for row in result.rows if row.covered}
    assert covered == {"COM.1": ["Session 1: Talking with people"], "PCC.1": ["Session 1: Talking with people"]}


VIEWS = {
    "index": (lambda c: "/roles/curricula/", {"title": "Another course"}),
    "course": (lambda c: f"/roles/curricula/courses/{c.uuid}/", None),
    "coverage": (lambda c: f"/roles/curricula/coverage/?source=course:{c.uuid}", None),
    "pdf": (lambda c: f"/roles/curricula/coverage/pdf/?source=course:{c.uuid}", None),
    "xlsx": (lambda c: f"/roles/curricula/coverage/xlsx/?source=course:{c.uuid}", None),
}


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("persona", [*PERSONAS, "outside_employer", ANONYMOUS])
def test_only_programme_leads_and_administrators_map_curricula(view, persona, course, request):
    path, _ = VIEWS[view]
    check_access(request, persona, path(course), Access(LEADS, get=LEADS))


def test_a_lead_of_another_provider_cannot_reach_the_course(course, signed_in):
    other = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD,
        organisation=OrganisationFactory(kind=Organisation.Kind.TRAINING_PROVIDER, name="Other Hub"),
    ).user
    client = signed_in(other)
    assert client.get(f"/roles/curricula/courses/{course.uuid}/").status_code == 404
    assert (
        "Induction course" not in client.get(f"/roles/curricula/coverage/?source=course:{course.uuid}").content.decode()
    )


def test_a_lead_describes_a_course_and_its_sessions(shipped, training_provider, programme_lead, signed_in):
    client = signed_in(programme_lead)
    data = {
        "title": "Care navigation course",
        "training_provider": training_provider.pk,
        "framework_version": shipped.pk,
    }
    response = client.post("/roles/curricula/", data)
    course = Course.objects.get()
    assert response["Location"] == f"/roles/curricula/courses/{course.uuid}/"
    item = FrameworkItem.objects.get(version=shipped, code="COM.5")
    response = client.post(
        response["Location"],
        {"title": "Local services", "learning_outcomes": "Find a service", "items": [str(item.pk)]},
    )
    assert response.status_code == 302
    assert list(Session.objects.get().items.all()) == [item]
    response = client.post(f"/roles/curricula/courses/{course.uuid}/", {"title": "Nothing", "learning_outcomes": ""})
    assert "Choose at least one competency or component" in response.content.decode()


def test_the_coverage_page_and_its_downloads_compare_with_a_profile(
    course, published_profile, programme_lead, signed_in
):
    client = signed_in(programme_lead)
    version = services.current_version(published_profile)
    query = f"?source=course:{course.uuid}&profile={version.pk}"
    page = client.get(f"/roles/curricula/coverage/{query}").content.decode()
    assert "<strong>2 of 29</strong> competencies and components covered" in page
    assert "5 of its picks not covered" in page
    sheet = load_workbook(io.BytesIO(client.get(f"/roles/curricula/coverage/xlsx/{query}").content)).active
    assert [c.value for c in sheet[1]] == ["Code", "Competency or component", "Covered by", "In the role profile"]
    assert sheet.max_row == 30
    pdf = PdfReader(io.BytesIO(client.get(f"/roles/curricula/coverage/pdf/{query}").content))
    assert "Curriculum coverage: Induction course" in " ".join(p.extract_text() for p in pdf.pages)


def test_a_programmes_coverage_is_shown_to_leads(shipped, programme_lead, signed_in):
    programme = shipped_programme()
    page = (
        signed_in(programme_lead).get(f"/roles/curricula/coverage/?source=programme:{programme.slug}").content.decode()
    )
    assert "Criterion PC1" in page and "Not covered" in page


@pytest.mark.parametrize("path", ["coverage", "course"])
def test_the_curricula_pages_cost_a_fixed_number_of_queries(path, course, shipped, programme_lead, signed_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(programme_lead)
    url = VIEWS[path][0](course)
    counts = []
    for more in (False, True):
        if more:
            items = list(FrameworkItem.objects.filter(version=shipped, kind="competency"))
            for number in range(3):
                coverage.add_session(course, title=f"Session {number}", learning_outcomes="", items=items[number:])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
