"""Programme versions (ADR 17): a change makes a new version, a published one never changes,
cohorts stay on theirs until moved, and the move shows what changes first."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import EVERYONE, Access, check_access
from coordinated_care.programmes.models import Programme
from coordinated_care.programmes.services import versions

pytestmark = pytest.mark.django_db

EDITORS = frozenset({"programme_lead", "administrator"})
RUNNERS = frozenset({"programme_lead", "administrator"})


@pytest.fixture
def draft(enrolment, programme_lead):
    return versions.new_draft(enrolment.cohort.programme, programme_lead)


def _published_v2(enrolment, programme_lead):
    draft = versions.new_draft(enrolment.cohort.programme, programme_lead)
    criterion = draft.criteria.get(code="PC1")
    versions.change_criterion(criterion, programme_lead, title=criterion.title, wording="New wording of PC1")
    versions.remove_criterion(draft.criteria.get(code="PC2"), programme_lead)
    versions.add_criterion(
        draft, programme_lead, group=criterion.group, code="PC9", title="Shares plans", wording="Shares plans."
    )
    item = draft.workshop_plan.get(number=2)
    versions.change_plan_item(item, programme_lead, theme="A new theme", weeks_after_start=item.weeks_after_start)
    versions.add_plan_item(draft, programme_lead, theme="Looking back", weeks_after_start=30)
    return versions.publish(draft, programme_lead)


def test_existing_programmes_are_version_one_of_their_own_lineage(enrolment):
    programme = enrolment.cohort.programme
    assert programme.version == 1 and programme.lineage


def test_a_new_draft_is_a_copy_of_the_latest_version(enrolment, programme_lead, draft):
    source = enrolment.cohort.programme
    assert (draft.version, draft.status, draft.lineage) == (2, Programme.Status.DRAFT, source.lineage)
    assert draft.framework_version_id == source.framework_version_id  # the framework version is pinned
    assert list(draft.criteria.values_list("code", flat=True)) == list(source.criteria.values_list("code", flat=True))
    assert draft.workshop_plan.count() == source.workshop_plan.count()
    assert set(draft.criteria.get(code="PC1").competencies.all()) == set(
        source.criteria.get(code="PC1").competencies.all()
    )
    assert versions.new_draft(source, programme_lead) == draft  # one draft at a time


def test_a_published_version_is_never_changed(enrolment, programme_lead):
    criterion = enrolment.cohort.programme.criteria.first()
    with pytest.raises(versions.VersionLocked):
        versions.change_criterion(criterion, programme_lead, title="Other", wording="Other")
    with pytest.raises(versions.VersionLocked):
        versions.remove_criterion(criterion, programme_lead)


def test_only_leads_and_administrators_change_programmes(enrolment, facilitator):
    with pytest.raises(PermissionDenied):
        versions.new_draft(enrolment.cohort.programme, facilitator)


def test_publishing_retires_the_last_version_and_cohorts_stay_on_theirs(enrolment, programme_lead):
    v1 = enrolment.cohort.programme
    v2 = _published_v2(enrolment, programme_lead)
    v1.refresh_from_db()
    enrolment.cohort.refresh_from_db()
    assert (v1.status, v2.status) == (Programme.Status.RETIRED, Programme.Status.PUBLISHED)
    assert enrolment.cohort.programme_id == v1.pk
    assert list(versions.later_versions(enrolment.cohort)) == [v2]


def test_the_comparison_names_what_is_added_removed_and_changed(enrolment, programme_lead):
    v2 = _published_v2(enrolment, programme_lead)
    comparison = versions.compare(enrolment.cohort.programme, v2)
    assert [c.code for c in comparison.criteria_added] == ["PC9"]
    assert [c.code for c in comparison.criteria_removed] == ["PC2"]
    assert [(c.code, c.what) for c in comparison.criteria_changed] == [("PC1", ["wording"])]
    assert [w.theme for w in comparison.workshops_added] == ["Looking back"]
    assert [(c.code, c.what) for c in comparison.workshops_changed] == [("WS2", ["theme"])]


def test_moving_a_cohort_takes_its_evidence_and_workshops_along(enrolment, programme_lead, learner):
    from coordinated_care.portfolios.models import Entry, EvidenceLink

    v1 = enrolment.cohort.programme
    entry = Entry.objects.create(
        enrolment=enrolment, kind=Entry.Kind.REFLECTION, title="A reflection", content={}, created_by=learner
    )
    link = EvidenceLink.objects.create(entry=entry, criterion=v1.criteria.get(code="PC1"), how_it_shows="Shows it")
    gone = EvidenceLink.objects.create(entry=entry, criterion=v1.criteria.get(code="PC2"), how_it_shows="Shows it")
    v2 = _published_v2(enrolment, programme_lead)
    cohort = enrolment.cohort
    versions.move_cohort(cohort, v2, programme_lead)
    cohort.refresh_from_db()
    assert cohort.programme_id == v2.pk
    link.refresh_from_db()
    gone.refresh_from_db()
    assert link.criterion == v2.criteria.get(code="PC1")
    assert gone.criterion.programme_id == v1.pk  # removed in v2: stays, and no longer counts
    assert cohort.workshops.get(number=2).theme == "A new theme"
    assert cohort.workshops.get(number=13).theme == "Looking back"


def test_a_cohort_where_sign_off_has_begun_stays(enrolment, programme_lead, monkeypatch):
    from coordinated_care.programmes import providers

    v2 = _published_v2(enrolment, programme_lead)
    monkeypatch.setitem(providers._move_checks, "test", lambda ids: "Sign-off has begun.")
    with pytest.raises(ValidationError, match="Sign-off has begun"):
        versions.move_cohort(enrolment.cohort, v2, programme_lead)
    enrolment.cohort.refresh_from_db()
    assert enrolment.cohort.programme.version == 1


def test_an_outsider_cannot_move_a_cohort(enrolment, programme_lead, facilitator):
    v2 = _published_v2(enrolment, programme_lead)
    with pytest.raises(PermissionDenied):
        versions.move_cohort(enrolment.cohort, v2, facilitator)


VIEWS = {
    # With a draft there already, starting one again opens it: nothing changes.
    "versions": (
        lambda w: f"/programmes/{w['v1'].slug}/versions/",
        Access(EDITORS, get=EDITORS, post=EDITORS, changes=False),
    ),
    "draft": (lambda w: f"/programmes/{w['draft'].slug}/draft/", Access(EDITORS, get=EDITORS, post=EDITORS)),
    "draft criterion": (
        lambda w: f"/programmes/{w['draft'].slug}/draft/criteria/PC1/",
        Access(EDITORS, get=EDITORS, post=EDITORS, post_status=200, changes=False),
    ),
    "draft workshop": (
        lambda w: f"/programmes/{w['draft'].slug}/draft/workshops/1/",
        Access(EDITORS, get=EDITORS, post=EDITORS, post_status=200, changes=False),
    ),
    "add a criterion": (
        lambda w: f"/programmes/{w['draft'].slug}/draft/criteria/new/",
        Access(EDITORS, get=EDITORS, post=EDITORS, post_status=200, changes=False),
    ),
    "add a workshop": (
        lambda w: f"/programmes/{w['draft'].slug}/draft/workshops/new/",
        Access(EDITORS, get=EDITORS, post=EDITORS, post_status=200, changes=False),
    ),
}


def _state():
    return (
        Programme.objects.count(),
        list(Programme.objects.values_list("status", flat=True).order_by("pk")),
    )


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("view", VIEWS)
def test_only_leads_and_administrators_open_the_version_pages(view, persona, enrolment, draft, request):
    path, access = VIEWS[view]
    world = {"v1": enrolment.cohort.programme, "draft": draft}
    check_access(request, persona, path(world), access, state=_state)


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_those_who_run_the_cohort_move_it(persona, enrolment, programme_lead, request):
    _published_v2(enrolment, programme_lead)
    check_access(
        request,
        persona,
        f"/cohorts/{enrolment.cohort.uuid}/version/",
        Access(RUNNERS, get=RUNNERS, post=RUNNERS),
        state=lambda: enrolment.cohort.__class__.objects.get(pk=enrolment.cohort.pk).programme_id,
    )


def test_the_move_page_shows_the_changes_first_then_moves_on_confirming(enrolment, programme_lead, signed_in):
    v2 = _published_v2(enrolment, programme_lead)
    client = signed_in(programme_lead)
    cohort_page = client.get(f"/cohorts/{enrolment.cohort.uuid}/").content.decode()
    assert "See what changes and move the cohort" in cohort_page
    page = client.get(f"/cohorts/{enrolment.cohort.uuid}/version/").content.decode()
    assert "PC9" in page and "PC2" in page and "New wording of PC1" in page and "Looking back" in page
    enrolment.cohort.refresh_from_db()
    assert enrolment.cohort.programme_id != v2.pk  # seeing it moves nothing
    assert client.post(f"/cohorts/{enrolment.cohort.uuid}/version/").status_code == 302
    enrolment.cohort.refresh_from_db()
    assert enrolment.cohort.programme_id == v2.pk


def test_a_lead_changes_a_programme_in_the_service(enrolment, programme_lead, signed_in):
    client = signed_in(programme_lead)
    v1 = enrolment.cohort.programme
    response = client.post(f"/programmes/{v1.slug}/versions/")
    draft = Programme.objects.get(lineage=v1.lineage, version=2)
    assert response.status_code == 302 and response["Location"] == f"/programmes/{draft.slug}/draft/"
    response = client.post(
        f"/programmes/{draft.slug}/draft/criteria/PC1/", {"title": "Person-centred care", "wording": "Changed."}
    )
    assert response.status_code == 302
    assert client.post(f"/programmes/{draft.slug}/draft/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Programme.Status.PUBLISHED
    assert client.get(f"/programmes/{draft.slug}/draft/").status_code == 404  # no draft left to change
