"""CASE and CSV exchange: exports are deterministic, round trips are exact, and a bad file is
refused whole with a message that names the line or item at fault."""

import json
import uuid

import pytest

from coordinated_care.frameworks import exchange, services
from coordinated_care.frameworks.exchange import ImportRefused, export_case, export_csv, import_text
from coordinated_care.frameworks.exchange.case import ADOPTION_STATUS
from coordinated_care.frameworks.models import Framework, FrameworkItem, FrameworkVersion

from .factories import build_framework


def as_exported_from(text, draft, original):
    """What an export of `draft` says once the parts that must differ for a new version (the
    CFDocument identifier, its version number and the adoption status) are put back."""
    return (
        text.replace(str(draft.uuid), str(original.uuid))
        .replace(f'"version": "{draft.number}"', f'"version": "{original.number}"')
        .replace(f"/v{draft.number},", f"/v{original.number},")
        .replace('"adoptionStatus": "Draft"', f'"adoptionStatus": "{ADOPTION_STATUS[original.status]}"')
    )


def row_counts():
    return (Framework.objects.count(), FrameworkVersion.objects.count(), FrameworkItem.objects.count())


def remove_draft_framework(version):
    """Stands in for another installation: the framework is gone before its file is imported."""
    framework = version.framework
    version.delete()
    framework.delete()


# CASE


def test_the_case_export_is_a_cfpackage(shipped):
    package = json.loads(export_case(shipped))
    document = package["CFDocument"]
    assert document["identifier"] == str(shipped.uuid)
    assert document["title"] == "Making sense of Coordinated Care"
    assert document["creator"] == "Health Education England West Midlands and Birmingham City University"
    assert document["version"] == "1"
    assert document["adoptionStatus"] == "Adopted"
    assert document["language"] == "en"
    assert document["lastChangeDateTime"] == "2019-01-01T00:00:00+00:00"
    assert document["uri"] == f"urn:uuid:{shipped.uuid}"

    items = package["CFItems"]
    assert len(items) == 37
    first = items[0]
    assert first["humanCodingScheme"] == "COM"
    assert first["CFItemType"] == "Domain"
    assert first["abbreviatedStatement"] == "Communication"
    assert first["fullStatement"].startswith("This describes the ability")
    assert first["listEnumeration"] == "1"
    assert first["CFDocumentURI"]["identifier"] == str(shipped.uuid)
    mended = next(item for item in items if item["humanCodingScheme"] == "REL.6")
    assert "Portfolio Document" in mended["notes"]

    associations = package["CFAssociations"]
    assert len(associations) == 37
    assert {association["associationType"] for association in associations} == {"isChildOf"}
    by_origin = {association["originNodeURI"]["identifier"]: association for association in associations}
    identifier = {item["humanCodingScheme"]: item["identifier"] for item in items}
    assert by_origin[identifier["COM"]]["destinationNodeURI"]["identifier"] == str(shipped.uuid)
    assert by_origin[identifier["REL.1.2"]]["destinationNodeURI"]["identifier"] == identifier["REL.1"]
    assert by_origin[identifier["REL.1.2"]]["sequenceNumber"] == 2
    assert by_origin[identifier["REL"]]["sequenceNumber"] == 2  # the guide's order: Communication, Relationships, ...

    types = package["CFDefinitions"]["CFItemTypes"]
    assert [item_type["title"] for item_type in types] == ["Domain", "Theme", "Competency", "Component"]
    assert {item["CFItemTypeURI"]["identifier"] for item in items} == {item_type["identifier"] for item_type in types}


def test_the_case_export_is_deterministic(shipped):
    text = export_case(shipped)
    assert export_case(FrameworkVersion.objects.get(pk=shipped.pk)) == text
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_case_export_import_export_differs_only_in_the_new_versions_identity(shipped):
    original = export_case(shipped)
    draft = import_text(original)
    assert draft.framework == shipped.framework
    assert draft.number == 2 and draft.status == FrameworkVersion.Status.DRAFT
    assert draft.uuid != shipped.uuid
    again = export_case(draft)
    assert again != original
    assert as_exported_from(again, draft, shipped) == original
    # Published, only the identifier and the number remain different.
    services.publish(draft)
    assert as_exported_from(export_case(draft), draft, shipped) == original


def test_imported_items_keep_their_identifiers_lineage_notes_and_times(shipped):
    draft = import_text(export_case(shipped))
    fields = ("identifier", "lineage", "code", "kind", "title", "description", "notes", "last_changed", "position")
    assert sorted(draft.items.values_list(*fields)) == sorted(shipped.items.values_list(*fields))


def test_a_case_round_trip_into_another_installation_is_byte_identical(db):
    version = build_framework(domains=2, competencies=3, components=2, themes=1, publish=False)
    services.update_item(version.items.get(code="D1.1"), notes="Checked against the source.")
    text = export_case(version)
    remove_draft_framework(version)
    imported = import_text(text)
    assert imported.number == 1
    assert export_case(imported) == text


def test_an_unknown_case_framework_becomes_a_new_framework(shipped):
    package = json.loads(export_case(shipped).replace(str(shipped.uuid), str(uuid.uuid4())))
    package["CFDocument"]["title"] = "A different framework"
    draft = import_text(json.dumps(package))
    assert draft.framework != shipped.framework
    assert draft.framework.slug == "a-different-framework"
    assert draft.number == 1 and draft.items.count() == 37


# CSV


def test_the_csv_export(shipped):
    lines = export_csv(shipped).split("\n")
    assert lines[0] == "identifier,parent,type,code,title,description"
    document_row = f"{shipped.uuid},,document,making-sense-of-coordinated-care/v1,Making sense of Coordinated Care,"
    assert lines[1].startswith(document_row)
    communication = shipped.items.get(code="COM")
    assert f"{communication.identifier},,domain,COM,Communication," in export_csv(shipped)
    theme = shipped.items.get(code="COM.T1")
    assert f"{theme.identifier},{communication.identifier},theme,COM.T1,Frequent communication," in export_csv(shipped)


def test_csv_export_import_export_differs_only_in_the_new_versions_identity(shipped):
    original = export_csv(shipped)
    draft = import_text(original)
    assert draft.number == 2
    again = export_csv(draft)
    assert again != original
    assert as_exported_from(again, draft, shipped) == original


def test_a_csv_import_of_unchanged_items_keeps_what_csv_does_not_carry(shipped):
    draft = import_text(export_csv(shipped))
    assert as_exported_from(export_case(draft), draft, shipped) == export_case(shipped)


def test_a_csv_round_trip_into_another_installation_is_byte_identical(db):
    version = build_framework(domains=2, competencies=2, components=3, themes=2, publish=False)
    text = export_csv(version)
    remove_draft_framework(version)
    imported = import_text(text)
    assert export_csv(imported) == text


def test_csv_from_a_spreadsheet_with_a_byte_order_mark_and_crlf_is_read(db):
    version = build_framework(publish=False)
    text = "\ufeff" + export_csv(version).replace("\n", "\r\n")
    remove_draft_framework(version)
    assert import_text(text).items.count() == 2


# Refusals: nothing is half-imported, and the message names the fault.


def case_package(version):
    return json.loads(export_case(version))


def csv_lines(version):
    return export_csv(version).rstrip("\n").split("\n")


def refused(text, *expected):
    before = row_counts()
    with pytest.raises(ImportRefused) as caught:
        import_text(text)
    assert row_counts() == before
    for part in expected:
        assert part in str(caught.value), str(caught.value)
    return str(caught.value)


@pytest.fixture
def small(db):
    # Items have one-line descriptions, so CSV record N is on line N.
    return build_framework(domains=1, competencies=2, components=1)


def test_csv_missing_columns_are_refused(small):
    lines = csv_lines(small)
    lines[0] = "identifier,parent,type,code,title"
    refused("\n".join(lines), "line 1", "description")


def test_csv_rows_with_the_wrong_number_of_fields_are_refused(small):
    lines = csv_lines(small)
    lines[3] = lines[3] + ",extra"
    refused("\n".join(lines), "line 4", "expected 6 fields")


def test_csv_unknown_parent_is_refused(small):
    lines = csv_lines(small)
    stranger = str(uuid.uuid4())
    fields = lines[4].split(",")
    fields[1] = stranger
    lines[4] = ",".join(fields)
    refused("\n".join(lines), "line 5", stranger, "not an item")


def test_csv_cycles_are_refused(small):
    lines = csv_lines(small)
    competency, component = lines[3].split(","), lines[4].split(",")
    assert component[1] == competency[0]
    competency[1] = component[0]  # the competency now sits under its own component
    lines[3] = ",".join(competency)
    refused("\n".join(lines), "line 4", "cycle")


def test_csv_duplicate_identifiers_are_refused(small):
    lines = csv_lines(small)
    duplicate = lines[5].split(",")
    duplicate[0] = lines[3].split(",")[0]
    lines[5] = ",".join(duplicate)
    refused("\n".join(lines), "line 6", "used twice", "line 4")


def test_csv_unknown_item_types_are_refused(small):
    lines = csv_lines(small)
    lines[3] = lines[3].replace(",competency,", ",skill,")
    refused("\n".join(lines), "line 4", "'skill'")


def test_csv_empty_titles_are_refused(small):
    lines = csv_lines(small)
    fields = lines[3].split(",")
    fields[4] = ""
    lines[3] = ",".join(fields)
    refused("\n".join(lines), "line 4", "title is empty")


def test_csv_identifiers_that_are_not_uuids_are_refused(small):
    lines = csv_lines(small)
    lines[3] = "not-a-uuid" + lines[3][36:]
    refused("\n".join(lines), "line 4", "not-a-uuid")


def test_csv_must_start_with_the_document_row(small):
    lines = csv_lines(small)
    del lines[1]
    refused("\n".join(lines), "line 2", "document")


def test_an_empty_file_is_refused(db):
    refused("", "empty")


def test_csv_line_numbers_count_multi_line_descriptions(shipped):
    lines = export_csv(shipped).split("\n")
    # The document row's description has two paragraphs, so it spans three lines.
    assert lines[2] == "" and lines[3].endswith('according to need."')
    bad = "\n".join(lines).replace(",theme,COM.T1,", ",skill,COM.T1,")
    physical = next(number for number, line in enumerate(lines, start=1) if ",theme,COM.T1," in line)
    refused(bad, f"line {physical}:", "'skill'")


def test_bad_json_is_refused_with_its_position(db):
    refused('{"CFDocument": {"identifier": ', "not valid JSON", "line 1")


def test_json_that_is_not_a_package_is_refused(db):
    refused('{"hello": "world"}', "no CFDocument")


def test_case_unknown_parent_is_refused(small):
    package = case_package(small)
    stranger = str(uuid.uuid4())
    association = package["CFAssociations"][1]
    association["destinationNodeURI"]["identifier"] = stranger
    refused(json.dumps(package), f"item {association['originNodeURI']['identifier']}", stranger)


def test_case_cycles_are_refused(small):
    package = case_package(small)
    competency, component = package["CFItems"][1], package["CFItems"][2]
    package["CFAssociations"][1]["destinationNodeURI"]["identifier"] = component["identifier"]
    refused(json.dumps(package), f"item {competency['identifier']}", "cycle")


def test_case_duplicate_identifiers_are_refused(small):
    package = case_package(small)
    package["CFItems"][3]["identifier"] = package["CFItems"][1]["identifier"]
    refused(json.dumps(package), f"item {package['CFItems'][1]['identifier']}", "more than one CFItem")


def test_case_unknown_item_types_are_refused(small):
    package = case_package(small)
    package["CFItems"][1]["CFItemType"] = "Learning outcome"
    refused(json.dumps(package), f"item {package['CFItems'][1]['identifier']}", "'Learning outcome'")


def test_case_empty_titles_are_refused(small):
    package = case_package(small)
    package["CFItems"][2]["abbreviatedStatement"] = " "
    refused(json.dumps(package), f"item {package['CFItems'][2]['identifier']}", "title")


def test_case_items_without_a_place_in_the_tree_are_refused(small):
    package = case_package(small)
    orphan = package["CFAssociations"].pop(2)
    refused(json.dumps(package), f"item {orphan['originNodeURI']['identifier']}", "no isChildOf")


def test_case_association_types_other_than_is_child_of_are_refused(small):
    package = case_package(small)
    package["CFAssociations"][0]["associationType"] = "exactMatchOf"
    refused(json.dumps(package), package["CFAssociations"][0]["identifier"], "exactMatchOf")


def test_case_items_under_a_non_domain_at_the_top_are_refused(small):
    package = case_package(small)
    competency = package["CFItems"][1]
    package["CFAssociations"][1]["destinationNodeURI"]["identifier"] = package["CFDocument"]["identifier"]
    refused(json.dumps(package), f"item {competency['identifier']}", "must sit under a domain")


def test_a_failure_while_writing_leaves_nothing_behind(small, monkeypatch):
    text = (
        export_csv(small)
        .replace(small.framework.slug, "brand-new-framework")
        .replace(small.framework.title, "Brand new framework")
    )
    text = text.replace(str(small.uuid), str(uuid.uuid4()))

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(exchange.importer, "create_items", fail)
    before = row_counts()
    with pytest.raises(RuntimeError):
        import_text(text)
    assert row_counts() == before
    assert not Framework.objects.filter(slug="brand-new-framework").exists()
