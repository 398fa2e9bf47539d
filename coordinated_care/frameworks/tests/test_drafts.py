"""An administrator's framework drafts: the rules (one draft at a time, moving items, the
comparison, a published version never changes) and the pages (who may use them, and a draft
started, edited, compared and published through them)."""

import pytest
from django.urls import reverse

from conftest import ANONYMOUS, PERSONAS, client_as
from coordinated_care.frameworks import services
from coordinated_care.frameworks.models import FrameworkItem, FrameworkVersion, VersionLocked
from coordinated_care.frameworks.services.drafts import DraftExists, compare, draft_of, move_item, start_draft

SLUG = "making-sense-of-coordinated-care"


def draft_url(name, number=2, **kwargs):
    return reverse(f"framework:{name}", kwargs={"slug": SLUG, "number": number, **kwargs})


def codes(version, parent=None):
    return list(version.items.filter(parent=parent).order_by("position").values_list("code", flat=True))


# The rules


def test_a_draft_starts_as_a_copy_of_the_published_version_and_compares_as_unchanged(shipped):
    draft = start_draft(shipped.framework)
    assert (draft.number, draft.status) == (2, FrameworkVersion.Status.DRAFT)
    assert draft.items.count() == shipped.items.count()
    assert compare(shipped, draft).is_empty


def test_only_one_draft_at_a_time(shipped):
    first = start_draft(shipped.framework)
    with pytest.raises(DraftExists) as refused:
        start_draft(shipped.framework)
    assert refused.value.draft == first
    assert shipped.framework.versions.count() == 2


def test_the_comparison_names_what_is_added_removed_changed_and_moved(shipped):
    draft = start_draft(shipped.framework)
    services.update_item(draft.items.get(code="PCC.3"), title="Assessing needs and goals")
    services.remove_item(draft.items.get(code="COM.4"))
    services.add_item(
        draft,
        kind="competency",
        code="COM.9",
        title="Digital communication",
        description="Uses digital channels people can use.",
        parent=draft.items.get(code="COM"),
    )
    move_item(draft.items.get(code="CL"), "up")
    result = compare(shipped, draft)
    assert [item.code for item in result.added] == ["COM.9"]
    assert [item.code for item in result.removed] == ["COM.4"]
    changed = {change.after.code: change for change in result.changed}
    assert set(changed) == {"PCC.3", "CL", "PCC"}
    assert changed["PCC.3"].fields == [("Title", "Assessing needs and goal", "Assessing needs and goals")]
    assert changed["CL"].moved and changed["PCC"].moved and not changed["PCC.3"].moved
    # Removing COM.4 and adding COM.9 moves none of COM's other competencies.
    assert not any(code.startswith("COM") for code in changed)


def test_moving_an_item_swaps_it_with_its_sibling_and_stops_at_the_ends(shipped):
    draft = start_draft(shipped.framework)
    assert codes(draft) == ["COM", "REL", "PCC", "CL"]
    move_item(draft.items.get(code="REL"), "down")
    assert codes(draft) == ["COM", "PCC", "REL", "CL"]
    move_item(draft.items.get(code="COM"), "up")
    move_item(draft.items.get(code="CL"), "down")
    assert codes(draft) == ["COM", "PCC", "REL", "CL"]


def test_a_published_version_never_moves_or_takes_a_new_draft_item(shipped):
    with pytest.raises(VersionLocked):
        move_item(shipped.items.get(code="REL"), "down")
    draft = start_draft(shipped.framework)
    services.publish(draft)
    for call in (
        lambda: services.update_item(draft.items.get(code="COM.1"), title="Changed"),
        lambda: services.remove_item(draft.items.get(code="COM.1")),
        lambda: move_item(draft.items.get(code="COM"), "down"),
        lambda: services.publish(draft),
    ):
        with pytest.raises(VersionLocked):
            call()
    assert draft.items.get(code="COM.1").title == "Interpersonal communication"
    assert codes(draft) == ["COM", "REL", "PCC", "CL"]
    # The next draft starts from the newest published version.
    assert start_draft(shipped.framework).number == 3


# The pages

DRAFT_PAGES = [
    ("draft", {}),
    ("add_item", {}),
    ("edit_item", {"code": "COM.1"}),
    ("remove_item", {"code": "COM.1"}),
    ("compare", {}),
    ("publish", {}),
]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "administrator"] + [ANONYMOUS])
def test_nobody_but_an_administrator_finds_the_draft_pages_or_changes_a_draft(persona, request, shipped):
    draft = start_draft(shipped.framework)
    client = client_as(request, persona)
    expected = 302 if persona == ANONYMOUS else 404
    for name, kwargs in DRAFT_PAGES:
        assert client.get(draft_url(name, **kwargs)).status_code == expected, name
    posts = [
        (reverse("framework:start_draft", kwargs={"slug": SLUG}), {}),
        (draft_url("edit_item", code="COM.1"), {"code": "COM.1", "title": "Taken", "description": "Taken."}),
        (draft_url("move_item", code="COM"), {"direction": "down"}),
        (draft_url("remove_item", code="COM.1"), {}),
        (draft_url("publish"), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    draft.refresh_from_db()
    assert draft.status == FrameworkVersion.Status.DRAFT
    assert draft.items.get(code="COM.1").title == "Interpersonal communication"
    assert codes(draft) == ["COM", "REL", "PCC", "CL"]
    assert shipped.framework.versions.count() == 2


def test_a_published_version_has_no_draft_pages(signed_in, administrator, shipped):
    client = signed_in(administrator)
    for name, kwargs in DRAFT_PAGES:
        assert client.get(draft_url(name, number=1, **kwargs)).status_code == 404, name
    assert client.post(draft_url("edit_item", number=1, code="COM.1"), {"code": "COM.1"}).status_code == 404


def test_a_draft_version_is_read_by_the_administrator_role_not_by_the_admins_staff_flag(
    signed_in, administrator, employer, shipped
):
    start_draft(shipped.framework)
    draft_page = reverse("framework:version", kwargs={"slug": SLUG, "number": 2})
    assert signed_in(administrator).get(draft_page).status_code == 200
    # The Django admin's flag alone (ADR 3: roles are relationships) shows no draft.
    employer.is_staff = True
    employer.save(update_fields=["is_staff"])
    assert signed_in(employer).get(draft_page).status_code == 404


def test_only_an_administrator_is_offered_a_new_draft_on_the_version_page(signed_in, administrator, employer, shipped):
    version_url = reverse("framework:version", kwargs={"slug": SLUG, "number": 1})
    assert "Start a new draft" in signed_in(administrator).get(version_url).content.decode()
    assert "Start a new draft" not in signed_in(employer).get(version_url).content.decode()


def test_an_administrator_starts_edits_compares_and_publishes_a_draft(signed_in, administrator, shipped):
    client = signed_in(administrator)
    started = client.post(reverse("framework:start_draft", kwargs={"slug": SLUG}))
    assert started.status_code == 302 and started["Location"] == draft_url("draft")
    page = client.get(draft_url("draft")).content.decode()
    assert "Edit the draft of" in page and "COM.1 Interpersonal communication" in page

    edited = client.post(
        draft_url("edit_item", code="PCC.3"),
        {"code": "PCC.3", "title": "Assessing needs and goals", "description": "Assessing needs and goals."},
    )
    assert edited.status_code == 302
    added = client.post(
        draft_url("add_item") + "?parent=COM",
        {"kind": "competency", "code": "COM.9", "title": "Digital communication", "description": "Uses apps."},
    )
    assert added.status_code == 302
    assert client.post(draft_url("remove_item", code="COM.4")).status_code == 302
    assert client.post(draft_url("move_item", code="CL"), {"direction": "up"}).status_code == 302

    compared = client.get(draft_url("compare")).content.decode()
    assert "1 added, 1 removed, 3 changed" in compared
    assert "Digital communication" in compared and "Assessing needs and goals" in compared

    assert client.post(draft_url("publish")).status_code == 302
    version = shipped.framework.versions.get(number=2)
    assert version.status == FrameworkVersion.Status.PUBLISHED
    assert codes(version) == ["COM", "REL", "CL", "PCC"]
    assert services.current_version(shipped.framework) == version
    assert client.get(draft_url("draft")).status_code == 404


def test_a_code_already_used_is_refused_on_the_form_and_nothing_changes(signed_in, administrator, shipped):
    draft = start_draft(shipped.framework)
    client = signed_in(administrator)
    page = client.post(
        draft_url("edit_item", code="COM.1"), {"code": "COM.2", "title": "Clash", "description": "Clash."}
    )
    assert page.status_code == 200
    assert "is used twice" in page.content.decode()
    assert draft.items.get(code="COM.1").title == "Interpersonal communication"


def test_an_item_form_with_a_patient_identifier_is_refused(signed_in, administrator, shipped):
    start_draft(shipped.framework)
    page = signed_in(administrator).post(
        draft_url("edit_item", code="COM.1"),
        {"code": "COM.1", "title": "Interpersonal communication", "description": "NHS number 943 476 5919."},
    )
    assert page.status_code == 200
    assert FrameworkItem.objects.filter(version__number=2, description__contains="943").count() == 0
    assert draft_of(shipped.framework).items.get(code="COM.1").description.startswith("This refers to the exchange")


def test_starting_changing_and_publishing_a_draft_is_in_the_audit_trail(signed_in, administrator, shipped):
    from coordinated_care.audit.models import AuditEvent

    client = signed_in(administrator)
    client.post(reverse("framework:start_draft", kwargs={"slug": SLUG}))
    client.post(
        draft_url("edit_item", code="PCC.3"),
        {"code": "PCC.3", "title": "Assessing needs and goals", "description": "Assessing needs and goals."},
    )
    client.post(draft_url("publish"))
    events = list(AuditEvent.objects.order_by("pk").values_list("content_type__model", "action", "actor_id"))
    assert ("frameworkversion", "create", administrator.pk) in events
    assert ("frameworkitem", "change", administrator.pk) in events
    assert events[-1] == ("frameworkversion", "change", administrator.pk)
