"""The demo learner's portfolio as one PDF, read back as text: every section and every criterion
in the Portfolio Document's order, with the signatures; every page numbered, named and coded; a
table of contents with page numbers; tagged, titled, in English and in the shipped font; nothing
fetched but that font; and gathered in the same number of queries however much it holds."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from coordinated_care.nonprod.demo import DEMO_COHORT_NAME
from coordinated_care.portfolios import services as portfolio_services
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Criterion, Enrolment
from coordinated_care.reports.document import gather, pdf, services
from coordinated_care.reports.models import PortfolioExport

# The PDF's sections, in the Portfolio Document's order (headings as printed).
SECTIONS = [
    "Portfolio Document: Care Coordination (Primary Care)",
    "Contents",
    "Welcome to your Portfolio Document (PD)",
    "Care coordinator responsibilities",
    "Practice based learning facilitator responsibilities",
    "Key role of the Practice Based Facilitator",
    "Learning and development schedule",
    "Practice based assessment document competencies",
    "Development needs",
    "Critical reflections",
    "Changed since sign-off",
    "Key values of person-centred care worksheet",
    "Case studies",
    "Action plan",
    "Initial discussion with the practice-based facilitator",
    "Progress reviews",
    "Final review",
    "Record of interprofessional working",
    "Ongoing feedback from key people",
    "Ongoing feedback from staff in practice",
    "Patient and service user feedback",
    "Accredited training",
]
# The contents list every section but the facilitator's key role, a part of their responsibilities.
CONTENTS = [s for s in SECTIONS[2:] if s != "Key role of the Practice Based Facilitator"]


def _load(enrolment):
    return Enrolment.objects.select_related(
        "learner", "facilitator", "supervisor", "practice", "cohort__programme"
    ).get(pk=enrolment.pk)


def _demo_enrolment():
    return _load(Enrolment.objects.get(cohort__name=DEMO_COHORT_NAME, learner__email="learner@demo.test"))


@pytest.fixture(scope="module")
def demo_pdf(django_db_setup, django_db_blocker):
    """The demo learner's PDF made once for the module, from seed_demo's data, rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        enrolment = _demo_enrolment()
        export, data = services.export_now(enrolment)
        criteria = list(
            Criterion.objects.filter(programme=enrolment.cohort.programme_id)
            .select_related("group")
            .order_by("group__position", "position")
        )
        result = {
            "data": data,
            "code": export.display_code,
            "learner": enrolment.learner.display_name,
            "criteria": [(c.code, c.title, c.group.title) for c in criteria],
            "document": gather.portfolio_document(enrolment),
        }
        transaction.set_rollback(True)
    reader = PdfReader(io.BytesIO(result["data"]))
    result["reader"] = reader
    result["pages"] = [page.extract_text() for page in reader.pages]
    # Lines broken by the page's width are joined, so that long headings read as one.
    result["text"] = re.sub(r"\s+", " ", "\n".join(result["pages"]))
    return result


def squash(text):
    """Text without its white space: a narrow column breaks lines anywhere, even after a hyphen."""
    return re.sub(r"\s+", "", text)


def _positions(text, needles):
    positions, start = [], 0
    for needle in needles:
        found = text.find(needle, start)
        assert found >= 0, f"{needle!r} missing, or out of order after position {start}"
        positions.append(found)
        start = found + len(needle)
    return positions


def test_every_section_is_there_in_the_portfolio_documents_order(demo_pdf):
    body = demo_pdf["text"].split("Accredited training", 1)[1]  # after the table of contents
    _positions(body, SECTIONS[2:])
    # The contents list them all too, in the same order.
    _positions(demo_pdf["text"], SECTIONS[:2] + CONTENTS)


def test_every_criterion_is_there_in_the_programmes_order_under_its_group(demo_pdf):
    needles = []
    group = None
    for code, title, group_title in demo_pdf["criteria"]:
        if group_title != group:
            needles.append(group_title)
            group = group_title
        needles.append(f"{code} {' '.join(title.split())}")
    assert len(demo_pdf["criteria"]) == 30
    _positions(demo_pdf["text"], needles)


def test_the_pd_wording_of_the_responsibilities_is_kept(demo_pdf):
    text = demo_pdf["text"]
    assert "Prohibition on Identifying Patients or Service Users" in text
    assert "This prohibition includes names, addresses, specific medical conditions, or any other unique" in text
    assert "The practice-based facilitator will meet regularly with the care coordinator throughout the 6-month" in text


def test_signatures_show_name_role_utc_time_and_meaning(demo_pdf):
    document = demo_pdf["document"]
    signed = [c for g in document["groups"] for c in g["criteria"] if c["decision"] and c["decision"]["signature"]]
    assert signed, "the demo portfolio has signed decisions"
    text = demo_pdf["text"]
    for criterion in signed:
        signature = criterion["decision"]["signature"]
        who = f"{signature['name']}, {signature['role']}"
        line = f"{signature['meaning']}: signed by {who}, on {signature['signed_at_utc']}"
        assert squash(line) in squash(text)
        assert signature["signed_at_utc"].endswith("UTC")
        assert squash(signature["statement"]) in squash(text)
    assert "Sam Demo-Facilitator" in text
    # The development need of the demo portfolio, with its agreed action, under Development needs.
    needs = text.split("Development needs", 2)[2].split("Critical reflections")[0]
    assert squash("Planning care jointly with other professionals") in squash(needs)


def test_every_page_is_numbered_named_and_carries_the_code(demo_pdf):
    pages = demo_pdf["pages"]
    assert len(pages) > 10
    for number, page in enumerate(pages, start=1):
        flat = " ".join(page.split())
        assert f"page {number} of {len(pages)}" in flat
        assert demo_pdf["learner"] in flat
        assert f"verification code {demo_pdf['code']}" in flat
        assert re.search(r"made \d{1,2} \w+ \d{4}, \d\d:\d\d UTC", flat)


def test_the_contents_give_each_sections_page(demo_pdf):
    contents = demo_pdf["pages"][0].split("Contents", 1)[1]
    for heading in CONTENTS:
        line = next(line for line in contents.splitlines() if line.startswith(heading))
        number = int(re.search(r"(\d+)\s*$", line).group(1))
        assert heading in " ".join(demo_pdf["pages"][number - 1].split()), (heading, number)


def test_it_is_tagged_as_pdf_ua_titled_in_english_and_printed_in_the_shipped_font(demo_pdf):
    reader = demo_pdf["reader"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == f"Portfolio Document: Care Coordination (Primary Care): {demo_pdf['learner']}"
    assert f"verification-code:{demo_pdf['code']}" in reader.metadata["/Keywords"]
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Lato" in name for name in fonts), fonts


def test_nothing_is_fetched_but_the_shipped_fonts(tmp_path):
    fetcher = pdf.LocalFilesOnly()
    with pytest.raises(pdf.Refused):
        fetcher.fetch("https://example.org/tracker.png")
    elsewhere = tmp_path / "secret.txt"
    elsewhere.write_text("not for printing")
    with pytest.raises(pdf.Refused):
        fetcher.fetch(elsewhere.as_uri())
    with pytest.raises(pdf.Refused):
        fetcher.fetch((pdf.FONT_DIRECTORY / ".." / ".." / "os.py").as_uri())
    assert fetcher.fetch((pdf.FONT_DIRECTORY / "Lato-Regular.ttf").as_uri()).read(4)


def test_a_render_that_would_fetch_stops_instead(monkeypatch):
    from weasyprint import HTML

    html = '<html lang="en"><body><img src="http://192.0.2.1/x.png" alt="x"></body></html>'
    with pytest.raises(pdf.Refused):
        HTML(string=html, url_fetcher=pdf.LocalFilesOnly()).write_pdf()


def _add_entries(enrolment, n):
    criteria = list(Criterion.objects.filter(programme=enrolment.cohort.programme_id).order_by("pk")[:5])
    for i in range(n):
        entry = portfolio_services.create_entry(
            enrolment=enrolment,
            kind=[Entry.Kind.CASE_STUDY, Entry.Kind.REFLECTION, Entry.Kind.INTERPROFESSIONAL_RECORD][i % 3],
            user=enrolment.learner,
            content={
                "title": f"Entry {i}",
                "overview": "Support after a stay in hospital.",
                "coordination": "A review with the community team.",
                "outcomes": "Felt supported at home.",
                "what_happened": "A joint visit.",
                "so_what": "It worked.",
                "now_what": "Plan earlier.",
                "occurred_on": "2026-10-01",
                "who_and_why": "District nurse, to plan a discharge",
                "reflections": "Sharing plans early matters.",
            },
        )
        portfolio_services.link_evidence(
            entry, criterion=criteria[i % len(criteria)], how_it_shows="Shows it.", user=enrolment.learner
        )


@pytest.mark.django_db
def test_the_document_is_gathered_in_the_same_queries_however_much_the_portfolio_holds(enrolment):
    enrolment = _load(enrolment)
    with CaptureQueriesContext(connection) as empty:
        gather.portfolio_document(enrolment)
    _add_entries(enrolment, 12)
    enrolment = _load(enrolment)
    with CaptureQueriesContext(connection) as full:
        document = gather.portfolio_document(enrolment)
    # 31: with the facilitator's comments on interprofessional records and the critical reflections
    # on a shortfall with their signatures (issue 12).
    # And one more for when the learner and the facilitator acknowledged their responsibilities.
    # And one for the learner's own schedule: what was moved, added or not applicable for them (ADR 17).
    # And one for the signatures on the patient feedback summary (issue 12, item 9).
    # And one for workshops attended, which the progress counts now count among their facts (ADR 22).
    assert len(full) == len(empty) == 35
    assert len(document["case_studies"]) == 4
    assert sum(len(c["evidence"]) for g in document["groups"] for c in g["criteria"]) == 12


@pytest.mark.django_db
def test_the_fingerprint_changes_with_the_portfolio_and_not_otherwise(enrolment):
    enrolment = _load(enrolment)
    before = gather.fingerprint(gather.portfolio_document(enrolment))
    assert gather.fingerprint(gather.portfolio_document(_load(enrolment))) == before
    _add_entries(enrolment, 1)
    assert gather.fingerprint(gather.portfolio_document(_load(enrolment))) != before


@pytest.mark.django_db
def test_a_failed_render_is_recorded_in_words_for_the_person_who_asked(enrolment, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    export = services._new_export(_load(enrolment), user=enrolment.learner, via=PortfolioExport.Via.WEB)
    with pytest.raises(RuntimeError):
        services.generate(export)
    export.refresh_from_db()
    assert export.status == PortfolioExport.Status.FAILED
    assert export.error == services.FAILED_MESSAGE
    assert "Pango" not in export.error
    assert not export.sha256
    assert export.requested_at <= timezone.now()


@pytest.mark.django_db
def test_the_schedule_shows_the_leads_mark_beside_the_learners_own_note(enrolment, programme_lead):
    from coordinated_care.programmes.services.attendance import mark_attendance

    first, second = enrolment.cohort.workshops.order_by("number")[:2]
    mark_attendance(workshop=first, user=programme_lead, marks={enrolment.pk: "attended"})
    portfolio_services.save_workshop_note(
        enrolment,
        second,
        content={"attended": "no", "notes": "Missed it; read the slides afterwards."},
        user=enrolment.learner,
    )
    schedule = gather.portfolio_document(_load(enrolment))["schedule"]
    assert [row["number"] for row in schedule] == list(range(1, 13))
    assert (schedule[0]["mark"], schedule[0]["attended"], schedule[0]["notes"]) == ("Attended", "Not recorded", "")
    assert (schedule[1]["mark"], schedule[1]["attended"]) == ("Not marked", "No")
    assert "Missed it; read the slides afterwards." in schedule[1]["notes"]
    html = pdf.render_html(
        gather.portfolio_document(_load(enrolment)), code="AAAA-BBBB-CCCC", generated_at=timezone.now()
    )
    assert "Missed it; read the slides afterwards." in html
