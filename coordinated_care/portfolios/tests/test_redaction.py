"""Redaction (issue 16, item 5; ADR 12): an identifier found in saved text is replaced by a marker
in the entry, every version, its claims and the portfolio's history; the redaction is an audit
event (who, when, which field, why; never the text); the audit chain stays verifiable and a
signature bound to the text shows "redacted after signing"; `scan_existing --redact-blocking`
does it for blocking findings after a dry run; and only the learner or an administrator may."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from conftest import PORTFOLIO_READERS, Access, check_access
from coordinated_care.assessments.presenters.sign_offs import criterion_panel
from coordinated_care.assessments.services import criterion_states
from coordinated_care.assessments.tests.helpers import ask, decide
from coordinated_care.audit.models import AuditEvent
from coordinated_care.audit.verify import verify
from coordinated_care.portfolios import redaction
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Entry, EntryVersion, EvidenceLink
from coordinated_care.programmes.models import Criterion

# Synthetic: an NHS number from the NHS's own test range, and a name no patient is given here.
NHS_NUMBER = "943 476 5919"
NAME = "Mrs Edith Quarrendon"
FIRST = {
    "title": "Case study 1: leaving hospital",
    "overview": f"{NAME} needed support after a hospital stay.",
    "coordination": f"I arranged a review; her NHS number is {NHS_NUMBER}.",
    "outcomes": "She felt supported at home.",
}


def _criterion(enrolment, code="PC1"):
    return Criterion.objects.get(programme=enrolment.cohort.programme, code=code)


@pytest.fixture
def entry(enrolment, learner):
    entry = portfolio.create_entry(enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=FIRST, user=learner)
    entry = portfolio.update_entry(
        entry, content={**FIRST, "outcomes": f"{NAME} felt supported at home."}, user=learner, seen_version=1
    )
    portfolio.link_evidence(
        entry, criterion=_criterion(enrolment), how_it_shows=f"My calls with {NAME} show it.", user=learner
    )
    return entry


def _everything_stored(entry):
    """Every text the database holds of the entry and its history, as one string."""
    parts = [json.dumps(Entry.objects.filter(pk=entry.pk).values("title", "content").get())]
    parts += [
        json.dumps(v) for v in EntryVersion.objects.filter(entry=entry).values("title", "content", "declarations")
    ]
    parts += list(EvidenceLink.objects.filter(entry=entry).values_list("how_it_shows", flat=True))
    for event in AuditEvent.objects.filter(enrolment_id=entry.enrolment_id).values(
        "object_label", "before", "after", "note"
    ):
        parts.append(json.dumps(event))
    return "\n".join(parts)


def _verify_audit():
    out = StringIO()
    try:
        call_command("verify_audit", stdout=out)
    except CommandError as error:
        return 1, str(error)
    return 0, out.getvalue()


def test_a_redaction_removes_the_text_from_every_version_claim_and_event(entry, learner):
    assert NAME in _everything_stored(entry)
    hashes = list(EntryVersion.objects.filter(entry=entry).values_list("content_hash", flat=True))
    claim_hash = EvidenceLink.objects.get(entry=entry).how_it_shows_hash
    done = redaction.redact(entry, text=NAME, reason="It names a patient", user=learner)
    assert set(done.fields) == {"content.overview", "content.outcomes", "how_it_shows.PC1"}
    assert done.versions == 2
    stored = _everything_stored(entry)
    assert NAME not in stored
    assert redaction.MARKER in stored
    entry.refresh_from_db()
    assert entry.content["overview"] == f"{redaction.MARKER} needed support after a hospital stay."
    # What a signature binds is left alone: the hashes of what was written.
    assert list(EntryVersion.objects.filter(entry=entry).values_list("content_hash", flat=True)) == hashes
    assert EvidenceLink.objects.get(entry=entry).how_it_shows_hash == claim_hash
    assert not EntryVersion.objects.filter(entry=entry, redacted_at__isnull=True).exists()
    # The chain still verifies: each rewritten event is vouched for by the redaction.
    verdict = verify()
    assert verdict.whole, verdict.problem
    assert verdict.redacted == done.events > 0
    assert _verify_audit()[0] == 0


def test_the_redaction_is_an_audit_event_without_the_text(entry, learner):
    redaction.redact(entry, text=NHS_NUMBER, reason="It is an NHS number", user=learner, field="content.coordination")
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.object_id, event.actor_id, event.action) == (str(entry.pk), learner.pk, "change")
    note = event.note["redaction"]
    assert note["fields"] == ["content.coordination"]
    assert note["reason"] == "It is an NHS number"
    assert NHS_NUMBER not in json.dumps(event.note) and "943" not in json.dumps(event.note)


def test_a_field_limits_the_redaction(entry, learner):
    redaction.redact(entry, text=NAME, reason="It names a patient", user=learner, field="how_it_shows.PC1")
    entry.refresh_from_db()
    assert NAME in entry.content["overview"]
    assert NAME not in EvidenceLink.objects.get(entry=entry).how_it_shows


def test_text_that_is_not_there_is_refused(entry, learner):
    with pytest.raises(ValidationError) as error:
        redaction.redact(entry, text="Nobody at all", reason="It names a patient", user=learner)
    assert "not in this entry" in str(error.value)
    with pytest.raises(ValidationError):
        redaction.redact(entry, text=NAME, reason=f"Because {NAME} is a patient", user=learner)


def test_a_rewrite_after_the_redaction_still_breaks_the_chain(entry, learner):
    from coordinated_care.audit.tests.conftest import drop_triggers, raw

    done = redaction.redact(entry, text=NAME, reason="It names a patient", user=learner)
    vouched = AuditEvent.objects.order_by("-id").first().note["redaction"]["events"][0][0]
    drop_triggers()
    raw("UPDATE audit_auditevent SET object_label = %s WHERE id = %s", ["Forged", vouched])
    verdict = verify()
    assert done.events and not verdict.whole
    assert verdict.broken_at == vouched


def test_a_sign_off_on_the_text_stands_and_says_redacted_after_signing(entry, enrolment, learner, facilitator):
    decide(ask(enrolment, learner, entries=[entry]), facilitator)
    redaction.redact(entry, text=NAME, reason="It names a patient", user=learner)
    state = criterion_states(enrolment)[_criterion(enrolment).pk]
    assert state.status == "achieved" and state.redacted
    line = criterion_panel(enrolment, _criterion(enrolment), facilitator)["decision"].signature
    assert line.redacted_after_signing and line.standing
    assert "Redacted after signing" in line.summary
    out = StringIO()
    call_command("verify_signatures", "--changed", stdout=out)
    assert "redacted from its evidence after signing" in out.getvalue()
    assert _verify_audit()[0] == 0


def test_only_the_learner_or_an_administrator_may_redact(entry, facilitator, supervisor, administrator):
    for person in (facilitator, supervisor):
        with pytest.raises(PermissionDenied):
            redaction.redact(entry, text=NAME, reason="It names a patient", user=person)
    redaction.redact(entry, text=NAME, reason="It names a patient", user=administrator)
    assert NAME not in _everything_stored(entry)


def test_the_history_and_version_pages_no_longer_show_the_text(entry, learner, signed_in, enrolment):
    client = signed_in(learner)
    history = f"/history/portfolio/{enrolment.uuid}/"
    version = f"/portfolio/{enrolment.uuid}/entries/{entry.uuid}/versions/1/"
    assert NAME in client.get(history).content.decode()
    assert NAME in client.get(version).content.decode()
    page = client.get(f"/portfolio/{enrolment.uuid}/entries/{entry.uuid}/redact/")
    assert page.status_code == 200 and "Remove a patient identifier" in page.content.decode()
    posted = client.post(
        f"/portfolio/{enrolment.uuid}/entries/{entry.uuid}/redact/",
        {"text": NAME, "field": "all", "reason": "patient_name"},
    )
    assert posted.status_code == 302
    for url in (history, version, f"/portfolio/{enrolment.uuid}/entries/{entry.uuid}/"):
        html = client.get(url).content.decode()
        assert NAME not in html
        assert "[removed: patient identifier]" in html
    event = AuditEvent.objects.order_by("-id").first()
    assert event.note["redaction"]["reason"] == "It names a patient, service user or carer"
    # The history says who removed what kind of text from which parts and why, not the vouchers.
    html = client.get(history).content.decode()
    assert "Patient identifier removed by Test Learner" in html
    assert "How this shows PC1" in html and "It names a patient, service user or carer" in html
    assert event.note["redaction"]["events"][0][1] not in html


@pytest.mark.parametrize(
    "persona",
    [
        "learner",
        "other_learner",
        "facilitator",
        "unassigned_facilitator",
        "revoked_facilitator",
        "supervisor",
        "programme_lead",
        "employer",
        "administrator",
        "anonymous",
    ],
)
def test_outsiders_are_refused(request, persona, entry, enrolment):
    url = f"/portfolio/{enrolment.uuid}/entries/{entry.uuid}/redact/"
    allowed = {"learner", "administrator"}
    check_access(
        request,
        persona,
        url,
        Access(readers=PORTFOLIO_READERS | {"administrator"}, get=allowed, post=allowed),
        data={"text": NAME, "field": "all", "reason": "patient_name"},
        state=lambda: Entry.objects.get(pk=entry.pk).content["overview"],
    )


def test_scan_existing_redacts_blocking_findings_after_a_dry_run(entry):
    out = StringIO()
    call_command("scan_existing", "--redact-blocking", stdout=out)
    report = out.getvalue()
    assert f"would redact portfolios.Entry {entry.pk}: content.coordination[" in report
    assert "NHS_NUMBER" in report and NHS_NUMBER not in report
    assert "Nothing was changed" in report
    assert NHS_NUMBER in _everything_stored(entry), "a dry run changes nothing"
    out = StringIO()
    call_command("scan_existing", "--redact-blocking", "--yes", stdout=out)
    assert f"redacted portfolios.Entry {entry.pk}" in out.getvalue()
    assert NHS_NUMBER not in _everything_stored(entry)
    event = AuditEvent.objects.order_by("-id").first()
    assert event.actor_label == "system: scan_existing --redact-blocking"
    assert "NHS_NUMBER" in event.note["redaction"]["reason"]
    assert verify().whole
    out = StringIO()
    call_command("scan_existing", "--redact-blocking", stdout=out)
    assert "would redact portfolios.Entry" not in out.getvalue()


def test_another_entrys_history_is_left_to_its_own_redaction(entry, enrolment, learner):
    other = portfolio.create_entry(
        enrolment=enrolment, kind=Entry.Kind.REFLECTION, content={"title": f"Thinking about {NAME}"}, user=learner
    )
    redaction.redact(entry, text=NAME, reason="It names a patient", user=learner)
    assert NAME not in _everything_stored(entry).replace(json.dumps(other.title)[1:-1], "")
    other_events = AuditEvent.objects.filter(content_type__model="entry", object_id=str(other.pk))
    assert all(NAME in event.object_label for event in other_events)
    redaction.redact(other, text=NAME, reason="It names a patient", user=learner)
    assert NAME not in _everything_stored(entry)
    assert verify().whole


def test_a_claim_changed_after_it_was_made_is_redacted_from_its_history(entry, enrolment, learner):
    portfolio.link_evidence(
        entry, criterion=_criterion(enrolment), how_it_shows=f"Calls with {NAME}, rewritten.", user=learner
    )
    link = EvidenceLink.objects.get(entry=entry)
    change = AuditEvent.objects.filter(content_type__model="evidencelink", object_id=str(link.pk)).last()
    assert change.action == "change" and "entry" not in (change.after or {})
    redaction.redact(entry, text=NAME, reason="It names a patient", user=learner)
    change.refresh_from_db()
    assert NAME not in json.dumps([change.before, change.after])
