"""A published version never changes: the services refuse, and the models refuse as well."""

import pytest
from django.db import IntegrityError

from coordinated_care.frameworks import services
from coordinated_care.frameworks.models import FrameworkItem, FrameworkVersion, VersionLocked
from coordinated_care.frameworks.services import TreeError

from .factories import FrameworkItemFactory, build_framework


def test_the_services_refuse_to_edit_a_published_version(shipped):
    item = shipped.items.get(code="COM.1")
    with pytest.raises(VersionLocked):
        services.update_item(item, title="Something else")
    with pytest.raises(VersionLocked):
        services.add_item(shipped, kind="competency", code="COM.9", title="New", description="New.", parent=item.parent)
    with pytest.raises(VersionLocked):
        services.remove_item(item)
    with pytest.raises(VersionLocked):
        services.publish(shipped)
    assert shipped.items.get(code="COM.1").title == "Interpersonal communication"


def test_the_models_refuse_to_save_or_delete_items_of_a_published_version(shipped):
    item = shipped.items.get(code="COM.1")
    item.title = "Changed behind the services' back"
    with pytest.raises(VersionLocked):
        item.save()
    with pytest.raises(VersionLocked):
        item.delete()
    with pytest.raises(VersionLocked):
        FrameworkItem.objects.create(
            version=shipped, kind="domain", code="NEW", title="New", description="New.", position=9
        )
    with pytest.raises(VersionLocked):
        FrameworkItem.objects.filter(pk=item.pk).update(title="Changed in bulk")
    with pytest.raises(VersionLocked):
        FrameworkItem.objects.filter(version=shipped).delete()
    with pytest.raises(VersionLocked):
        FrameworkItem.objects.bulk_create(
            [FrameworkItem(version=shipped, kind="domain", code="NEW", title="New", description="New.", position=9)]
        )
    assert shipped.items.get(code="COM.1").title == "Interpersonal communication"
    assert shipped.items.count() == 37


def test_a_stale_draft_in_memory_does_not_let_an_item_through(shipped):
    item = shipped.items.get(code="COM.1")
    item.version.status = FrameworkVersion.Status.DRAFT  # stale or tampered, never saved
    with pytest.raises(VersionLocked):
        item.save()


def test_the_models_refuse_to_change_delete_or_unpublish_a_published_version(shipped):
    version = FrameworkVersion.objects.get(pk=shipped.pk)
    version.number = 7
    with pytest.raises(VersionLocked):
        version.save()
    version.refresh_from_db()
    version.status = FrameworkVersion.Status.DRAFT
    with pytest.raises(VersionLocked):
        version.save()
    with pytest.raises(VersionLocked):
        version.delete()
    with pytest.raises(VersionLocked):
        FrameworkVersion.objects.filter(pk=shipped.pk).update(status=FrameworkVersion.Status.DRAFT)
    with pytest.raises(VersionLocked):
        FrameworkVersion.objects.filter(pk=shipped.pk).delete()
    shipped.refresh_from_db()
    assert shipped.status == FrameworkVersion.Status.PUBLISHED and shipped.number == 1


def test_a_retired_version_never_changes_again(shipped):
    services.retire(shipped)
    shipped.refresh_from_db()
    assert shipped.status == FrameworkVersion.Status.RETIRED and shipped.retired_at is not None
    shipped.status = FrameworkVersion.Status.PUBLISHED
    with pytest.raises(VersionLocked):
        shipped.save()
    with pytest.raises(VersionLocked):
        services.retire(shipped)
    with pytest.raises(VersionLocked):
        services.publish(shipped)


def test_only_a_published_version_retires(db):
    draft = build_framework(publish=False)
    with pytest.raises(VersionLocked):
        services.retire(draft)


def test_new_version_from_copies_the_items_as_a_draft_keeping_identifiers_and_lineage(shipped):
    draft = services.new_version_from(shipped)
    assert draft.number == 2
    assert draft.status == FrameworkVersion.Status.DRAFT
    assert draft.uuid != shipped.uuid
    assert draft.last_changed == shipped.last_changed

    def rows(version):
        return sorted(
            version.items.values_list(
                "identifier",
                "lineage",
                "code",
                "kind",
                "title",
                "description",
                "notes",
                "position",
                "parent__identifier",
            )
        )

    assert rows(draft) == rows(shipped)
    assert not set(draft.items.values_list("pk", flat=True)) & set(shipped.items.values_list("pk", flat=True))
    assert services.new_version_from(shipped).number == 3


def test_a_draft_can_be_edited_and_its_lineage_survives_a_new_identifier(shipped):
    draft = services.new_version_from(shipped)
    before = draft.items.get(code="PCC.3")
    edited = services.update_item(before, title="Assessing needs and goals", reidentify=True)
    assert edited.title == "Assessing needs and goals"
    assert edited.identifier != before.identifier
    assert edited.lineage == before.lineage == shipped.items.get(code="PCC.3").lineage
    draft.refresh_from_db()
    assert draft.last_changed > shipped.last_changed
    # The published version is untouched.
    assert shipped.items.get(code="PCC.3").title == "Assessing needs and goal"


def test_reidentifying_a_parent_keeps_its_children(shipped):
    draft = services.new_version_from(shipped)
    services.update_item(draft.items.get(code="REL.1"), reidentify=True)
    assert draft.items.get(code="REL.1.1").parent.code == "REL.1"


def test_items_are_added_and_removed_in_a_draft_only_where_the_tree_allows(shipped):
    draft = services.new_version_from(shipped)
    domain = draft.items.get(code="COM")
    added = services.add_item(
        draft, kind="competency", code="COM.6", title="Enabling digital health", description="Signpost.", parent=domain
    )
    assert added.position == 10 and added.lineage == added.identifier
    with pytest.raises(TreeError, match="code 'COM.6' is used twice"):
        services.add_item(draft, kind="competency", code="COM.6", title="Again", description="Again.", parent=domain)
    with pytest.raises(TreeError, match="must sit under a domain"):
        services.add_item(draft, kind="competency", code="X.1", title="Loose", description="Loose.")
    with pytest.raises(TreeError, match="title is empty"):
        services.update_item(added, title="  ")
    services.remove_item(draft.items.get(code="REL.1"))
    assert not draft.items.filter(code__startswith="REL.1").exists()
    assert shipped.items.filter(code__startswith="REL.1").count() == 4


def test_publishing_a_draft_locks_it(db):
    draft = build_framework(publish=False)
    services.publish(draft)
    draft.refresh_from_db()
    assert draft.status == FrameworkVersion.Status.PUBLISHED and draft.published_at is not None
    with pytest.raises(VersionLocked):
        services.update_item(draft.items.first(), title="Too late")


def test_an_empty_draft_cannot_be_published(db):
    draft = build_framework(domains=0, publish=False)
    with pytest.raises(ValueError, match="no domains"):
        services.publish(draft)


def test_identifiers_and_codes_are_unique_within_a_version(db):
    version = build_framework(publish=False)
    item = version.items.first()
    with pytest.raises(IntegrityError):
        FrameworkItemFactory(version=version, identifier=item.identifier, code="OTHER")


def test_the_current_version_is_the_highest_published(shipped):
    assert services.current_version(shipped.framework) == shipped
    second = services.new_version_from(shipped)
    assert services.current_version(shipped.framework) == shipped
    services.publish(second)
    assert services.current_version(shipped.framework) == second
    services.retire(second)
    assert services.current_version(shipped.framework) == shipped
    assert services.current_versions() == [shipped]
