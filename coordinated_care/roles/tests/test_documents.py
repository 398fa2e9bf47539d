"""The documents of a role profile imported from the file we keep (data/profile.json): every
document names every picked competency and no other, the interview plan exactly the picks tested
at interview, the person specification splits essential and desirable as the file says; and the
DOCX and PDF say the same as the page."""

import io
import json

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from coordinated_care.frameworks.models import FrameworkItem
from coordinated_care.roles import services
from coordinated_care.roles.documents import KINDS, build, render_docx, render_pdf, source_for
from coordinated_care.roles.documents.docx import docx_text
from coordinated_care.roles.services.specs import PICKABLE

from .conftest import PROFILE_FILE

pytestmark = pytest.mark.django_db

FILE = json.loads(PROFILE_FILE.read_text())


def titles(shipped, codes):
    return {item.code: item.title for item in FrameworkItem.objects.filter(version=shipped, code__in=codes)}


def not_picked(shipped, picked):
    items = FrameworkItem.objects.filter(version=shipped, kind__in=PICKABLE).exclude(code__in=picked)
    return {item.code: item.title for item in items}


def pdf_text(data):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def flat(text):
    return " ".join(text.split())


def texts(profile, kind):
    """The document as the builder, the Word file and the PDF say it, each flattened."""
    built = build(kind, source_for(services.document_version(profile)))
    return {"blocks": flat(built.text), "docx": flat(docx_text(render_docx(built))), "pdf": pdf_text(render_pdf(built))}


ALL_PICKS = [pick["code"] for pick in FILE["picks"]]
INTERVIEW = [pick["code"] for pick in FILE["picks"] if "interview" in pick["tested_by"]]


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "interview-plan"])
def test_every_document_names_every_pick_and_nothing_else(kind, profile, shipped):
    for where, text in texts(profile, kind).items():
        for code, title in titles(shipped, ALL_PICKS).items():
            assert flat(title) in text, (kind, where, code)
        for code, title in not_picked(shipped, ALL_PICKS).items():
            assert flat(title) not in text, (kind, where, code)


def test_the_interview_plan_holds_exactly_the_picks_tested_at_interview(profile, shipped):
    assert INTERVIEW == ["COM.1", "CL.1", "PCC.1", "REL.2"]
    for where, text in texts(profile, "interview-plan").items():
        for code, title in titles(shipped, INTERVIEW).items():
            assert flat(title) in text, (where, code)
        for code, title in not_picked(shipped, INTERVIEW).items():
            assert flat(title) not in text, (where, code)


def test_the_interview_plan_has_each_question_with_its_scoring_guide_and_a_scoring_sheet(profile):
    built = build("interview-plan", source_for(services.document_version(profile)))
    content = services.content_by_code(services.document_version(profile).framework_version)
    text = built.text
    for code in INTERVIEW:
        for question in content[code].questions.all():
            assert question.question in text and question.good_answer in text
            assert all(guide in text for _, guide in question.scoring_guide)
    sheet = next(s for s in built.sections if s.heading.startswith("Scoring sheet"))
    assert sheet.new_page
    scores = sheet.blocks[1]
    assert scores.head == ("Competency", "Question", "Score (1 to 4)", "Notes")
    assert len(scores.rows) == sum(content[code].questions.count() for code in INTERVIEW)


def in_framework_order(picks):
    """The file's picks in the framework's order (the guide's domains: COM, REL, PCC, CL)."""
    domains = ["COM", "REL", "PCC", "CL"]
    return sorted(picks, key=lambda pick: domains.index(pick["code"].split(".")[0]))


def test_the_person_specification_splits_essential_and_desirable_as_the_file_says(profile, shipped):
    built = build("person-specification", source_for(services.document_version(profile)))
    tables = {section.heading: section.blocks[0] for section in built.sections if section.heading.endswith("criteria")}
    names = titles(shipped, ALL_PICKS)
    expected = {
        priority: [names[p["code"]] for p in in_framework_order(FILE["picks"]) if p["priority"] == priority]
        for priority in ("essential", "desirable")
    }
    assert [row[0] for row in tables["Essential criteria"].rows] == expected["essential"]
    assert [row[0] for row in tables["Desirable criteria"].rows] == expected["desirable"]
    tested = {row[0]: row[3] for table in tables.values() for row in table.rows}
    assert tested[names["PCC.1"]] == "At interview, in post"
    assert tested[names["COM.1"]] == "At application, at interview"


def test_a_document_names_the_version_it_was_made_from_and_follows_the_current_version(published_profile, shipped):
    text = build("job-description", source_for(services.document_version(published_profile))).text
    assert "version 1 (published" in text and published_profile.slug in text
    draft = services.new_version(published_profile)
    services.update_draft(draft, services.ProfileSpec("Renamed", (services.PickSpec("REL.6", "essential", "aware"),)))
    assert "Care coordinator (test)" in build("advert", source_for(services.document_version(published_profile))).text
    services.publish(draft)
    text = build("advert", source_for(services.document_version(published_profile))).text
    assert "version 2 (published" in text and "Building and sustaining professional relationships" in text
    assert titles(shipped, ["COM.1"])["COM.1"] not in text


def test_a_drafts_documents_say_it_is_a_draft(profile):
    assert "a draft, not yet published" in build("appraisal", source_for(services.draft_of(profile))).text


def test_the_job_description_holds_the_purpose_and_local_duties(profile):
    text = build("job-description", source_for(services.draft_of(profile))).text
    assert FILE["purpose"] in text and all(duty in text for duty in FILE["duties"])


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_export_role_profile_writes_each_document(kind, fmt, profile, tmp_path):
    target = tmp_path / f"out.{fmt}"
    call_command("export_role_profile", str(profile.pk), "--document", kind, "--format", fmt, "--output", str(target))
    data = target.read_bytes()
    assert data.startswith(b"%PDF" if fmt == "pdf" else b"PK")
    text = flat(docx_text(data)) if fmt == "docx" else pdf_text(data)
    assert KINDS[kind] in text and "Care coordinator (test)" in text


def test_export_role_profile_needs_a_document_for_docx(profile):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="needs --document"):
        call_command("export_role_profile", profile.slug, "--format", "docx")


def test_the_pages_download_what_the_command_writes(profile, employer, signed_in):
    client = signed_in(employer)
    page = client.get(f"/roles/{profile.slug}/documents/person-specification/").content.decode()
    assert "Essential criteria" in page and "Download as Word" in page
    response = client.get(f"/roles/{profile.slug}/documents/person-specification/docx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="{profile.slug}-v1-person-specification.docx"' in response["Content-Disposition"]
    assert "Essential criteria" in docx_text(response.content)
    response = client.get(f"/roles/{profile.slug}/documents/interview-plan/pdf/")
    assert response["Content-Type"] == "application/pdf" and "Scoring sheet" in pdf_text(response.content)


def test_the_interview_plan_has_a_scoring_sheet_for_each_candidate(profile, employer, signed_in, tmp_path):
    built = build("interview-plan", source_for(services.draft_of(profile)), candidates=3)
    assert [s.heading for s in built.sections if s.heading.startswith("Scoring sheet")] == [
        "Scoring sheet: candidate 1",
        "Scoring sheet: candidate 2",
        "Scoring sheet: candidate 3",
    ]
    assert (
        len(
            [
                s
                for s in build("interview-plan", source_for(services.draft_of(profile)), candidates=99).sections
                if s.new_page
            ]
        )
        == 30
    )
    client = signed_in(employer)
    page = client.get(f"/roles/{profile.slug}/documents/interview-plan/?candidates=2").content.decode()
    assert "Scoring sheet: candidate 2" in page and "docx/?candidates=2" in page
    data = client.get(f"/roles/{profile.slug}/documents/interview-plan/docx/?candidates=2").content
    assert "Scoring sheet: candidate 2" in docx_text(data)
    target = tmp_path / "plan.docx"
    call_command(
        "export_role_profile",
        profile.slug,
        "--document",
        "interview-plan",
        "--format",
        "docx",
        "--candidates",
        "4",
        "--output",
        str(target),
    )
    assert "Scoring sheet: candidate 4" in docx_text(target.read_bytes())
