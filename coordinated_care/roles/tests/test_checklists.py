"""A service's development checklist: every item of the guide's five sections, each with a status,
owner, notes and review date, progress per section, PDF and XLSX; only the managers of the
service's organisation see it."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import ANONYMOUS, PERSONAS, Access, check_access
from coordinated_care.roles.models import ChecklistEntry, Service
from coordinated_care.roles.services import checklists

pytestmark = pytest.mark.django_db

MANAGERS = {"employer", "administrator"}


@pytest.fixture
def service(shipped, practice):
    return checklists.create_service(organisation=practice, framework=shipped.framework, name="Frailty coordination")


def entries_state():
    return sorted(ChecklistEntry.objects.values_list("code", "status", "owner", "notes", "review_date"))


def test_a_service_has_every_item_of_the_guides_five_sections(service):
    sections = checklists.progress(service)
    assert [len(p.entries) for p in sections] == [3, 2, 3, 1, 5]  # "resourcing" is a question of its own
    assert [p.section.code for p in sections] == ["1", "2", "3", "4", "5"]
    assert all(entry.text for p in sections for entry in p.entries)


VIEWS = {
    "service": (lambda s: f"/roles/services/{s.uuid}/", None),
    "entry": (
        lambda s: f"/roles/services/{s.uuid}/items/1.2/",
        {
            "status": "done",
            "owner": "PCN manager",
            "notes": "",
            "review_date_day": "1",
            "review_date_month": "3",
            "review_date_year": "2027",
        },
    ),
    "pdf": (lambda s: f"/roles/services/{s.uuid}/pdf/", None),
    "xlsx": (lambda s: f"/roles/services/{s.uuid}/xlsx/", None),
}


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("persona", [*PERSONAS, "outside_employer", ANONYMOUS])
def test_only_the_organisations_managers_see_or_change_its_checklist(view, persona, service, request):
    path, data = VIEWS[view]
    access = Access(MANAGERS, get=MANAGERS, post=MANAGERS if data else None)
    check_access(request, persona, path(service), access, data=data, state=entries_state)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in ("employer", "administrator")] + [ANONYMOUS])
def test_the_list_is_for_managers_only(persona, service, request):
    check_access(request, persona, "/roles/services/", Access(MANAGERS, get=MANAGERS))


def test_an_employer_starts_a_checklist_and_settles_items_section_by_section(shipped, practice, employer, signed_in):
    client = signed_in(employer)
    response = client.post("/roles/services/", {"name": "Discharge support", "organisation": practice.pk})
    service = Service.objects.get()
    assert response["Location"] == f"/roles/services/{service.uuid}/"
    data = {"status": "not_applicable", "owner": "", "notes": "Covered by the ICB's scheme."}
    assert client.post(f"/roles/services/{service.uuid}/items/4/", data).status_code == 302
    data = {
        "status": "done",
        "owner": "Clinical director",
        "notes": "",
        "review_date_day": "2",
        "review_date_month": "6",
        "review_date_year": "2027",
    }
    assert client.post(f"/roles/services/{service.uuid}/items/1.1/", data).status_code == 302
    page = client.get(f"/roles/services/{service.uuid}/").content.decode()
    assert "<strong>1 of 3</strong> done or not applicable" in page and "<strong>1 of 1</strong>" in page
    assert "2 June 2027" in page and "Clinical director" in page
    sheet = load_workbook(io.BytesIO(client.get(f"/roles/services/{service.uuid}/xlsx/").content)).active
    assert [c.value for c in sheet[2]][1:5] == [
        "1.1",
        service.entries.get(code="1.1").text,
        "Done",
        "Clinical director",
    ]
    assert sheet.max_row == 1 + 14
    pdf = PdfReader(io.BytesIO(client.get(f"/roles/services/{service.uuid}/pdf/").content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Discharge support" in text and "Strategic fit" in text


def test_notes_with_a_patient_identifier_are_refused(service, employer, signed_in):
    data = {"status": "in_progress", "owner": "", "notes": "Ask Mrs Jones, NHS number 943 476 5919."}
    response = signed_in(employer).post(f"/roles/services/{service.uuid}/items/2.1/", data)
    assert response.status_code == 200 and "nhsuk-error-summary" in response.content.decode()
    assert service.entries.get(code="2.1").notes == ""


def test_an_unknown_item_is_not_found(service, employer, signed_in):
    assert signed_in(employer).get(f"/roles/services/{service.uuid}/items/9.9/").status_code == 404


def test_the_checklist_page_costs_a_fixed_number_of_queries(service, employer, signed_in, django_assert_num_queries):
    client = signed_in(employer)
    client.get(f"/roles/services/{service.uuid}/")
    with django_assert_num_queries(5):
        client.get(f"/roles/services/{service.uuid}/")
