"""The learner's journeys through their portfolio, end to end through the views."""

import datetime
import re

import pytest
from django.urls import reverse

from coordinated_care.portfolios import drafts, services
from coordinated_care.portfolios.kinds import CASE_STUDY as CASE_STUDY_KIND
from coordinated_care.portfolios.models import Draft, Entry, EvidenceLink
from coordinated_care.programmes.models import AccreditedTraining

from .builders import CASE_STUDY, action_content, add_case_study, pdf


def url(name, *args):
    return reverse(f"portfolios:{name}", args=args)


def text(response):
    return response.content.decode()


def summary_links(response):
    """The error summary's links, as (href, text)."""
    html = text(response)
    if "nhsuk-error-summary" not in html:
        return []
    summary = html[html.index("nhsuk-error-summary") :]
    summary = summary[: summary.index("</ul>")]
    return [
        (href, " ".join(label.split())) for href, label in re.findall(r'<a href="(#[^"]+)"\s*>(.*?)</a>', summary, re.S)
    ]


def h1s(response):
    return re.findall(r"<h1[ >]", text(response))


@pytest.fixture
def learner_client(enrolment, signed_in):
    return signed_in(enrolment.learner)


def test_a_learner_writes_a_case_study(enrolment, learner_client):
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), CASE_STUDY)
    entry = Entry.objects.get(enrolment=enrolment, kind=Entry.Kind.CASE_STUDY)
    assert response["Location"] == url("entry", enrolment.uuid, entry.uuid)
    page = learner_client.get(response["Location"])
    assert "Case study saved" in text(page)
    assert CASE_STUDY["coordination"] in text(page)
    assert "Version 1, saved" in text(page)
    assert len(h1s(page)) == 1
    # The browser is told to forget its copy of the form's writing.
    assert f'data-portfolio-draft-saved="{drafts.new_entry_key(enrolment, CASE_STUDY_KIND)}"' in text(page)


def test_a_form_with_mistakes_says_what_to_fix_and_keeps_the_writing(enrolment, learner_client):
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), {"overview": "Kept writing"})
    html = text(response)
    assert response.status_code == 200
    assert "There is a problem" in html
    assert summary_links(response) == [
        ("#id_title", "Enter a title for the case study"),
        ("#id_coordination", "Enter the coordination that has taken place"),
        ("#id_outcomes", "Enter the outcomes, reflections and learning"),
    ]
    assert "Kept writing" in html
    assert not Entry.objects.exists()


def test_an_action_with_a_missing_date_links_to_the_day_box(enrolment, learner_client):
    data = {k: v for k, v in action_content(None).items() if k != "due_on"}
    response = learner_client.post(url("new_entry", enrolment.uuid, "action-plan"), data)
    assert summary_links(response) == [("#id_due_on_day", "Enter the date to be completed or reviewed")]
    assert 'id="id_due_on_day"' in text(response)


def test_a_stale_edit_shows_both_versions_and_overwrites_nothing(enrolment, learner, learner_client):
    entry = add_case_study(enrolment, learner)
    # Another tab saves first.
    services.update_entry(
        entry, content={**entry.content, "outcomes": "From the other tab"}, user=learner, seen_version=1
    )
    response = learner_client.post(
        url("edit_entry", enrolment.uuid, entry.uuid), {**CASE_STUDY, "outcomes": "From this tab", "seen_version": 1}
    )
    html = text(response)
    assert response.status_code == 200
    assert "This was changed after you opened it" in html
    assert "From the other tab" in html and "From this tab" in html
    assert 'name="seen_version" value="2"' in html
    entry.refresh_from_db()
    assert entry.content["outcomes"] == "From the other tab" and entry.version == 2
    # Saving again, having seen version 2, replaces it knowingly.
    response = learner_client.post(
        url("edit_entry", enrolment.uuid, entry.uuid), {**CASE_STUDY, "outcomes": "From this tab", "seen_version": 2}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.content["outcomes"] == "From this tab" and entry.version == 3


def test_earlier_versions_can_be_read(enrolment, learner, learner_client):
    entry = add_case_study(enrolment, learner)
    services.update_entry(entry, content={**entry.content, "outcomes": "Second thoughts"}, user=learner, seen_version=1)
    versions = text(learner_client.get(url("entry_versions", enrolment.uuid, entry.uuid)))
    assert "Version 2</a> (current)" in versions and "Version 1</a>" in versions and "Test Learner" in versions
    first = text(learner_client.get(url("entry_version", enrolment.uuid, entry.uuid, 1)))
    assert CASE_STUDY["outcomes"] in first and "This is an earlier version" in first
    assert learner_client.get(url("entry_version", enrolment.uuid, entry.uuid, 9)).status_code == 404


def test_a_section_lists_newest_first_with_overdue_actions_tagged(enrolment, learner, learner_client, criteria):
    today = datetime.date.today()
    late = services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content=action_content(today - datetime.timedelta(days=2), "Late"),
    )
    services.link_evidence(late, criterion=criteria[0], how_it_shows="x", user=learner)
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content=action_content(today + datetime.timedelta(days=2), "Later"),
    )
    html = text(learner_client.get(url("section", enrolment.uuid, "action-plan")))
    assert html.index(">Later<") < html.index(">Late<")
    assert "Overdue" in html and "Open" in html
    assert "Evidence for 1 criterion" in html
    assert "Add an action" in html


def test_an_action_is_marked_done_and_reopened(enrolment, learner, learner_client):
    action = services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.ACTION, user=learner, content=action_content(datetime.date(2020, 1, 1))
    )
    page = text(learner_client.get(url("entry", enrolment.uuid, action.uuid)))
    assert "Overdue" in page and "Mark as done" in page
    learner_client.post(url("entry_status", enrolment.uuid, action.uuid), {"status": "done", "seen_version": 1})
    page = text(learner_client.get(url("entry", enrolment.uuid, action.uuid)))
    assert "Action marked as done" in page and "Reopen this action" in page and "Overdue" not in page
    learner_client.post(url("entry_status", enrolment.uuid, action.uuid), {"status": "open", "seen_version": 2})
    action.refresh_from_db()
    assert action.status == Entry.Status.OPEN and action.version == 3
    # A stale button changes nothing.
    learner_client.post(url("entry_status", enrolment.uuid, action.uuid), {"status": "done", "seen_version": 1})
    action.refresh_from_db()
    assert action.status == Entry.Status.OPEN


def test_evidence_is_linked_changed_and_removed_from_the_entry(enrolment, learner, learner_client, criteria):
    entry = add_case_study(enrolment, learner)
    first, second, third = criteria[:3]
    form = text(learner_client.get(url("entry_evidence", enrolment.uuid, entry.uuid)))
    assert "Personalised Care" in form and first.title in form
    learner_client.post(
        url("entry_evidence", enrolment.uuid, entry.uuid),
        {f"criterion_{c.pk}": "on" for c in (first, second, third)}
        | {f"how_{c.pk}": f"It shows {c.code}" for c in (first, second, third)},
    )
    assert EvidenceLink.objects.filter(entry=entry).count() == 3
    criterion_page = text(learner_client.get(url("criterion", enrolment.uuid, first.code)))
    assert entry.title in criterion_page and f"It shows {first.code}" in criterion_page
    assert "Framework competencies" in criterion_page and "/framework/" in criterion_page
    learner_client.post(
        url("entry_evidence", enrolment.uuid, entry.uuid),
        {f"criterion_{first.pk}": "on", f"how_{first.pk}": "Only this"},
    )
    assert list(EvidenceLink.objects.filter(entry=entry).values_list("how_it_shows", flat=True)) == ["Only this"]
    entry_page = text(learner_client.get(url("entry", enrolment.uuid, entry.uuid)))
    assert "Only this" in entry_page and "linked to 1 criterion" in entry_page


def test_the_values_worksheet_can_be_filled_in_part(enrolment, learner_client):
    names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    page = text(learner_client.get(url("values_worksheet", enrolment.uuid)))
    legends = [" ".join(legend.split()) for legend in re.findall(r"<legend[^>]*>(.*?)</legend>", page, re.S)]
    assert legends == names
    assert (
        "What is it?" in page
        and "Why is it important to care coordination?" in page
        and "How I put it into practice" in page
    )
    learner_client.post(url("values_worksheet", enrolment.uuid), {"value_1_what": "Being yourself", "seen_version": 0})
    worksheet = services.values_worksheet(enrolment)
    assert worksheet.content == {"values": {names[0]: {"what": "Being yourself"}}}
    learner_client.post(
        url("values_worksheet", enrolment.uuid),
        {"value_1_what": "Being yourself", "value_2_why": "Rights matter", "seen_version": 1},
    )
    worksheet.refresh_from_db()
    assert worksheet.version == 2 and worksheet.content["values"][names[1]] == {"why": "Rights matter"}
    overview = text(learner_client.get(url("overview", enrolment.uuid)))
    assert "Key values of person-centred care worksheet" in overview and "Started" in overview


def test_two_tabs_starting_the_worksheet_do_not_overwrite_each_other(enrolment, learner_client):
    worksheet_url = url("values_worksheet", enrolment.uuid)
    learner_client.post(worksheet_url, {"value_1_what": "From the first tab", "seen_version": 0})
    response = learner_client.post(worksheet_url, {"value_1_what": "From the second tab", "seen_version": 0})
    html = text(response)
    assert response.status_code == 200
    assert "This was changed after you opened it" in html
    assert "From the first tab" in html and "From the second tab" in html
    assert 'name="seen_version" value="1"' in html
    assert services.values_worksheet(enrolment).content["values"]["Individuality"]["what"] == "From the first tab"


def test_the_facilitator_reads_the_worksheet_without_a_form(enrolment, learner, signed_in):
    services.save_values_worksheet(enrolment, answers={"Choice": {"what": "Options"}}, user=learner)
    page = text(signed_in(enrolment.facilitator).get(url("values_worksheet", enrolment.uuid)))
    assert "Options" in page and "<textarea" not in page and "<form" not in page.split('id="maincontent"')[1]


def test_workshop_attendance_and_notes(enrolment, learner_client):
    workshops = text(learner_client.get(url("section", enrolment.uuid, "workshops")))
    assert "WS1: Overview" in workshops and "WS12" in workshops and "Not recorded" in workshops
    response = learner_client.post(
        url("workshop_note", enrolment.uuid, 3), {"attended": "partly", "notes": "Communication", "seen_version": 0}
    )
    assert response["Location"] == url("section", enrolment.uuid, "workshops")
    workshops = text(learner_client.get(url("section", enrolment.uuid, "workshops")))
    assert "Attended: Partly, with notes" in workshops
    note = Entry.objects.get(enrolment=enrolment, kind=Entry.Kind.WORKSHOP_NOTE)
    assert note.workshop.number == 3
    form = text(learner_client.get(url("workshop_note", enrolment.uuid, 3)))
    assert re.search(r'value="partly"\s+checked', form)


def test_a_training_record_with_its_certificate(enrolment, learner_client):
    response = learner_client.post(
        url("new_entry", enrolment.uuid, "training"),
        {
            "title": "Safeguarding",
            "occurred_on_day": "3",
            "occurred_on_month": "2",
            "occurred_on_year": "2026",
            "attachment": pdf(),
        },
    )
    entry = Entry.objects.get(kind=Entry.Kind.TRAINING_RECORD)
    page = text(learner_client.get(response["Location"]))
    attachment = entry.attachments.get()
    assert url("attachment", enrolment.uuid, attachment.uuid) in page
    assert "3 February 2026" in page


def test_the_accredited_training_is_recorded_on_its_own_page(enrolment, learner_client, signed_in):
    response = learner_client.post(
        url("accredited_training", enrolment.uuid),
        {
            "completed_on_day": "10",
            "completed_on_month": "9",
            "completed_on_year": "2025",
            "provider": "PCI Academy",
            "certificate": pdf(),
        },
    )
    assert response.status_code == 302
    training = AccreditedTraining.objects.get(enrolment=enrolment)
    assert training.completed_on == datetime.date(2025, 9, 10) and training.certificate is not None
    page = text(signed_in(enrolment.facilitator).get(url("accredited_training", enrolment.uuid)))
    assert (
        "PCI Academy" in page
        and "10 September 2025" in page
        and "certificate.pdf" in page
        and "<form" not in page.split('id="maincontent"')[1]
    )


def test_a_future_training_date_is_refused(enrolment, learner_client):
    future = datetime.date.today() + datetime.timedelta(days=30)
    response = learner_client.post(
        url("accredited_training", enrolment.uuid),
        {
            "completed_on_day": future.day,
            "completed_on_month": future.month,
            "completed_on_year": future.year,
            "provider": "PCI",
        },
    )
    assert "must be today or in the past" in text(response)


def test_the_overview_links_every_section_and_shows_progress(portfolio, signed_in):
    for reader in (portfolio.enrolment.learner, portfolio.enrolment.facilitator):
        response = signed_in(reader).get(url("overview", portfolio.enrolment.uuid))
        html = text(response)
        for section in (
            "case-studies",
            "reflections",
            "action-plan",
            "interprofessional-record",
            "workshops",
            "training",
            "key-people-feedback",
            "staff-feedback",
        ):
            assert url("section", portfolio.enrolment.uuid, section) in html
        assert url("values_worksheet", portfolio.enrolment.uuid) in html
        assert url("accredited_training", portfolio.enrolment.uuid) in html
        assert "Criteria with evidence" in html and "Overdue actions" in html
        assert len(h1s(response)) == 1
    assert "Test Learner&#39;s portfolio" in html or "Test Learner's portfolio" in html


# Nothing lost: the draft endpoint and the banner that offers a draft back.


def test_the_draft_endpoint_keeps_the_writing(enrolment, learner, learner_client):
    key = drafts.new_entry_key(enrolment, CASE_STUDY_KIND)
    response = learner_client.post(
        url("draft", enrolment.uuid),
        {"key": key, "overview": "Half a thought", "csrfmiddlewaretoken": "x"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["saved_at"]
    assert Draft.objects.get(user=learner, key=key).data == {"overview": "Half a thought"}


def test_the_draft_endpoint_needs_the_csrf_token(enrolment, learner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    key = drafts.worksheet_key(enrolment)
    assert client.post(url("draft", enrolment.uuid), {"key": key, "value_1_what": "x"}).status_code == 403
    assert not Draft.objects.exists()


def test_after_the_session_ends_the_draft_endpoint_sends_to_sign_in(enrolment, client):
    response = client.post(
        url("draft", enrolment.uuid), {"key": drafts.worksheet_key(enrolment)}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_bad_draft_key_is_refused(enrolment, learner_client):
    response = learner_client.post(url("draft", enrolment.uuid), {"key": "elsewhere"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and not Draft.objects.exists()


def test_unsaved_writing_is_offered_back_restored_and_discarded(enrolment, learner, learner_client):
    key = drafts.new_entry_key(enrolment, CASE_STUDY_KIND)
    drafts.keep(enrolment, user=learner, key=key, data={"title": "Draft title", "overview": "Unsaved overview"})
    form_url = url("new_entry", enrolment.uuid, "case-studies")
    page = text(learner_client.get(form_url))
    assert 'data-portfolio-draft-banner="server"' in page
    assert "You have unsaved writing from" in page and "Restore it" in page and "Discard it" in page
    assert "Unsaved overview" not in page
    restored = text(learner_client.get(form_url, {"restore": "draft"}))
    assert "Unsaved overview" in restored and "is back in the form" in restored
    response = learner_client.post(url("draft", enrolment.uuid), {"key": key, "discard": "1", "next": form_url})
    assert response["Location"] == form_url
    assert not Draft.objects.exists()
    assert 'data-portfolio-draft-banner="server"' not in text(learner_client.get(form_url))


def test_discarding_never_sends_the_browser_elsewhere(enrolment, learner_client):
    response = learner_client.post(
        url("draft", enrolment.uuid),
        {"key": drafts.worksheet_key(enrolment), "discard": "1", "next": "https://evil.example/"},
    )
    assert response["Location"] == url("overview", enrolment.uuid)


def test_a_restored_edit_keeps_the_version_it_was_written_against(enrolment, learner, learner_client):
    entry = add_case_study(enrolment, learner)
    key = drafts.entry_key(enrolment, entry)
    drafts.keep(enrolment, user=learner, key=key, data={**CASE_STUDY, "outcomes": "Draft", "seen_version": "1"})
    services.update_entry(entry, content={**entry.content, "outcomes": "Saved elsewhere"}, user=learner, seen_version=1)
    restored = text(learner_client.get(url("edit_entry", enrolment.uuid, entry.uuid), {"restore": "draft"}))
    # Saving this would be a stale edit, shown as a conflict rather than a silent overwrite.
    assert 'name="seen_version" value="1"' in restored


def test_pages_carry_the_autosave_hooks_and_nothing_inline(enrolment, learner_client):
    html = text(learner_client.get(url("new_entry", enrolment.uuid, "case-studies")))
    assert f'data-portfolio-draft="{drafts.new_entry_key(enrolment, CASE_STUDY_KIND)}"' in html
    assert f'data-portfolio-draft-url="{url("draft", enrolment.uuid)}"' in html
    assert 'data-portfolio-writing="text"' in html
    assert " style=" not in html and "<script>" not in html
