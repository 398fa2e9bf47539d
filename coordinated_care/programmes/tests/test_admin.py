"""Administrators build programmes from published framework versions in the Django admin; the
rules are the services', checked here directly and through the admin's own forms."""

import pytest
from django.core.exceptions import ValidationError

from coordinated_care.frameworks.models import FrameworkItem
from coordinated_care.frameworks.services import new_version_from, publish, retire
from coordinated_care.programmes.models import Cohort, Criterion, PersonCentredValue, Programme
from coordinated_care.programmes.services import building
from coordinated_care.programmes.services import versions as programme_versions
from coordinated_care.programmes.tests.factories import shipped_programme

pytestmark = pytest.mark.django_db

ADD = "/admin/programmes/programme/add/"


def change_url(programme):
    return f"/admin/programmes/programme/{programme.pk}/change/"


@pytest.fixture
def programme():
    return shipped_programme()


@pytest.fixture
def draft(programme, administrator):
    """Version 2 of the shipped programme, a draft: only a draft is edited in the admin (ADR 17)."""
    return programme_versions.new_draft(programme, administrator)


@pytest.fixture
def versions(programme):
    """The shipped (published) version, a later published copy of it and a draft copy."""
    shipped = programme.framework_version
    later = publish(new_version_from(shipped))
    draft = new_version_from(shipped)
    return shipped, later, draft


def test_a_programme_is_built_from_a_published_version(versions):
    shipped, later, draft = versions
    building.check_framework_version(later)
    with pytest.raises(ValidationError, match="is draft: choose a published framework version"):
        building.check_framework_version(draft)
    retire(shipped)
    shipped.refresh_from_db()
    with pytest.raises(ValidationError, match="is retired"):
        building.check_framework_version(shipped)
    building.check_framework_version(shipped, already_chosen=True)  # a running programme keeps it


def test_criteria_map_only_to_items_of_their_programmes_version(programme, versions):
    shipped, later, _ = versions
    building.check_competencies(shipped, list(FrameworkItem.objects.filter(version=shipped)[:3]))
    with pytest.raises(ValidationError, match="not in .* a criterion can only map to competencies"):
        building.check_competencies(shipped, [FrameworkItem.objects.filter(version=later).first()])


def test_a_programme_cannot_move_to_a_version_its_criteria_do_not_map_to(programme, versions):
    _, later, _ = versions
    with pytest.raises(ValidationError, match="CL1, .* map to another framework version"):
        building.check_programme_mapping(programme, later)
    building.check_programme_mapping(programme, programme.framework_version)


def form_data(response):
    """What the admin page would post back unchanged: its form and every inline formset."""
    data = {}

    def put(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = "on" if value is True else str(value)

    put(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        put(formset.management_form)
        for form in formset.forms:
            put(form)
    return data


def test_administrators_open_the_programme_admin(signed_in, administrator, draft):
    programme = draft
    client = signed_in(administrator)
    assert client.get("/admin/programmes/programme/").status_code == 200
    page = client.get(change_url(programme))
    assert page.status_code == 200
    assert [inline.formset.prefix for inline in page.context["inline_admin_formsets"]] == [
        "criterion_groups",
        "criteria",
        "required_documents",
        "workshop_plan",
        "values",
    ]
    # Criteria choose only among the programme's own version's items.
    criteria_formset = page.context["inline_admin_formsets"][1].formset
    choices = criteria_formset.forms[0].fields["competencies"].queryset
    assert set(choices.values_list("version", flat=True)) == {programme.framework_version_id}


def test_a_published_version_is_read_only_in_the_admin(signed_in, administrator, programme):
    client = signed_in(administrator)
    page = client.get(change_url(programme))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert client.post(change_url(programme), {"title": "Changed"}).status_code == 403
    programme.refresh_from_db()
    assert programme.title != "Changed"


def test_saving_a_draft_unchanged_changes_nothing(signed_in, administrator, draft):
    programme = draft
    client = signed_in(administrator)
    data = form_data(client.get(change_url(programme)))
    response = client.post(change_url(programme), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert Criterion.objects.filter(programme=programme).count() == 30


def test_an_administrator_changes_the_values_list_of_a_draft(signed_in, administrator, draft):
    programme = draft
    client = signed_in(administrator)
    data = form_data(client.get(change_url(programme)))
    data["values-7-name"] = "Partnership working"
    assert client.post(change_url(programme), data).status_code == 302
    last = PersonCentredValue.objects.filter(programme=programme).order_by("position").last()
    assert last.name == "Partnership working"


def test_a_criterion_cannot_map_to_another_versions_item_through_the_admin(signed_in, administrator, draft, versions):
    programme = draft
    _, later, _ = versions
    client = signed_in(administrator)
    data = form_data(client.get(change_url(programme)))
    stray = FrameworkItem.objects.filter(version=later, kind="competency").first()
    data["criteria-0-competencies"] = [str(stray.pk)]
    response = client.post(change_url(programme), data)
    assert response.status_code == 200
    first = Criterion.objects.filter(programme=programme).order_by("group__position", "position").first()
    assert stray not in first.competencies.all()


def test_a_programme_cannot_move_to_another_version_through_the_admin(signed_in, administrator, draft, versions):
    programme = draft
    _, later, _ = versions
    client = signed_in(administrator)
    data = form_data(client.get(change_url(programme)))
    data["framework_version"] = str(later.pk)
    response = client.post(change_url(programme), data)
    assert response.status_code == 200
    assert "map to another framework version" in response.content.decode()
    programme.refresh_from_db()
    assert programme.framework_version_id != later.pk


def new_programme_data(client, version):
    data = form_data(client.get(ADD))
    data.update(
        {
            "title": "Social prescribing",
            "slug": "social-prescribing",
            "status": "draft",
            "framework_version": str(version.pk),
            "duration_months": "6",
        }
    )
    return data


def test_an_administrator_builds_a_programme_from_a_published_version_only(signed_in, administrator, versions):
    _, later, draft = versions
    client = signed_in(administrator)
    assert client.get(ADD).status_code == 200
    refused = client.post(ADD, new_programme_data(client, draft))
    assert refused.status_code == 200 and not Programme.objects.filter(slug="social-prescribing").exists()
    assert client.post(ADD, new_programme_data(client, later)).status_code == 302
    assert Programme.objects.get(slug="social-prescribing").framework_version == later


def test_a_cohort_made_in_the_admin_gets_its_workshops(
    signed_in, administrator, programme, training_provider, programme_lead
):
    client = signed_in(administrator)
    response = client.post(
        "/admin/programmes/cohort/add/",
        {
            "programme": programme.pk,
            "name": "Admin cohort",
            "start_date": "2027-03-01",
            "training_provider": training_provider.pk,
            "leads": [programme_lead.pk],
            "workshops-TOTAL_FORMS": "0",
            "workshops-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get(name="Admin cohort")
    assert cohort.workshops.count() == 12 and list(cohort.leads.all()) == [programme_lead]


def test_nobody_else_opens_the_programme_admin(signed_in, programme_lead, programme):
    assert signed_in(programme_lead).get(change_url(programme)).status_code == 302
