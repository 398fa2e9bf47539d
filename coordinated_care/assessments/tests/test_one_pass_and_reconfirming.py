"""A sign-off in one pass, re-confirming after a change, and exceeding expectations (issue 13, item 3;
issue 12, item 6).

The decision is checked first and the password asked once, on the step that signs; a wrong one
re-asks only the password and loses nothing. A sign-off changed since signed is listed on the
caseload as "changed since you signed: re-confirm", its changes are shown word by word, and the
facilitator who signed it re-confirms it with their password: a new decision and signature bound to
the evidence as it is now. An achieved sign-off may acknowledge the care coordinator exceeding
expectations."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from coordinated_care.audit.models import AuditEvent
from coordinated_care.portfolios import services as portfolio

from ..models import Assessment, LastLooked, Review, Signature, SignedEvidence, SignOffRequest
from ..presenters import caseload_page, caseload_summary
from ..presenters.changes import ADDED, REMOVED, SAME, word_diff
from ..presenters.reviews import exceeding_expectations
from ..presenters.sign_offs import criterion_panel
from ..services import criterion_states, reconfirming, record_look, sign_offs
from ..services.sign_offs import request_subject
from ..services.signing import check_integrity
from .helpers import ask, changed_sign_off, criterion, decide, written_review


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _written():
    return [
        list(model.objects.order_by("pk").values()) for model in (SignOffRequest, Assessment, Signature, SignedEvidence)
    ]


def _status(enrolment, code="PC1"):
    return criterion_states(enrolment)[criterion(enrolment, code).pk].status


# Word by word ------------------------------------------------------------------------------------


def test_a_word_diff_marks_the_words_added_and_removed():
    before, after = "They felt supported at home.", "They felt well supported at home."
    parts = word_diff(before, after)
    assert [text.strip() for kind, text in parts if kind == ADDED] == ["well"]
    assert "".join(text for kind, text in parts if kind != REMOVED) == after
    assert "".join(text for kind, text in parts if kind != ADDED) == before
    parts = word_diff("a b c", "a c")
    assert [text.strip() for kind, text in parts if kind == REMOVED] == ["b"]
    assert [kind for kind, _ in word_diff("same words", "same words")] == [SAME]


def test_a_change_of_spacing_alone_is_no_change_of_words():
    parts = word_diff("one two", "one  two")
    assert [kind for kind, _ in parts] == [SAME]


# The decision in one pass ------------------------------------------------------------------------


def test_checking_a_decision_writes_nothing_and_refuses_what_signing_would(enrolment, learner, facilitator):
    request = ask(enrolment, learner)
    before = _written()
    sign_offs.check_decision(
        request, user=facilitator, outcome="achieved", comments="Good.", achieved_on=timezone.localdate()
    )
    with pytest.raises(ValidationError) as error:
        sign_offs.check_decision(request, user=facilitator, outcome="achieved", comments="Good.", achieved_on=None)
    assert "achieved_on" in error.value.error_dict
    with pytest.raises(PermissionDenied):
        sign_offs.check_decision(
            request, user=learner, outcome="achieved", comments="Good.", achieved_on=timezone.localdate()
        )
    assert _written() == before


@pytest.fixture
def request_url(enrolment, learner):
    return reverse("assessments:request", args=[ask(enrolment, learner).uuid])


def _decision(page, **extra):
    subject_hash = re.search(r'name="subject_hash" value="([0-9a-f]{64})"', page).group(1)
    return {
        "outcome": "achieved",
        "comments": "Shows planning over several conversations.",
        "subject_hash": subject_hash,
        **_date("achieved_on", timezone.localdate()),
        **extra,
    }


def test_the_form_asks_for_the_outcome_first_and_the_password_not_at_all(signed_in, facilitator, request_url):
    page = signed_in(facilitator).get(request_url).content.decode()
    assert page.count("Your decision") == 1
    assert 'type="password"' not in page
    today = timezone.localdate()
    assert f'name="achieved_on_day" type="text" value="{today.day}"' in page or f'value="{today.day}"' in page
    # Each outcome's own questions sit under its radio, revealed when it is chosen.
    assert (
        page.index('value="achieved"') < page.index('name="achieved_on_day"') < page.index('value="development_need"')
    )
    assert page.index('value="development_need"') < page.index('name="action_1_area_of_focus"')
    assert page.index('value="reflection_accepted"') < page.index('name="reflection"')
    assert "nhsuk-radios__conditional" in page


def test_a_valid_decision_is_shown_back_to_sign_with_the_password_once(signed_in, facilitator, request_url):
    client = signed_in(facilitator)
    decision = _decision(client.get(request_url).content.decode())
    before = _written()
    page = client.post(request_url, {**decision, "step": "check"}).content.decode()
    assert "Check and sign your decision on PC1" in page
    assert page.count('type="password"') == 1
    assert "Shows planning over several conversations." in page
    assert 'name="comments" value="Shows planning over several conversations."' in page  # carried, hidden
    assert _written() == before


def test_a_wrong_password_re_asks_only_the_password_and_loses_nothing(signed_in, facilitator, request_url):
    client = signed_in(facilitator)
    decision = _decision(
        client.get(request_url).content.decode(), exceeds_expectations="on", exceeding_comment="Leads the huddle."
    )
    page = client.post(request_url, {**decision, "step": "sign", "password": "not-it"}).content.decode()
    assert "The password is not right" in page
    assert "Check and sign your decision on PC1" in page
    for value in ("Shows planning over several conversations.", "Leads the huddle.", decision["subject_hash"]):
        assert f'value="{value}"' in page
    assert not Signature.objects.exists()
    response = client.post(request_url, {**decision, "step": "sign", "password": PASSWORD})
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.exceeds_expectations and assessment.exceeding_comment == "Leads the huddle."


def test_an_invalid_decision_goes_back_to_the_form_with_what_was_typed(signed_in, facilitator, request_url):
    client = signed_in(facilitator)
    decision = _decision(client.get(request_url).content.decode(), achieved_on_day="", achieved_on_month="")
    page = client.post(request_url, {**decision, "step": "check"}).content.decode()
    assert "There is a problem" in page and 'type="password"' not in page
    assert "Shows planning over several conversations." in page


def test_change_your_decision_goes_back_to_the_form_filled_in(signed_in, facilitator, request_url):
    client = signed_in(facilitator)
    decision = _decision(client.get(request_url).content.decode())
    page = client.post(request_url, {**decision, "step": "change"}).content.decode()
    assert "Shows planning over several conversations." in page and 'type="password"' not in page
    assert "There is a problem" not in page


# Exceeding expectations --------------------------------------------------------------------------


def test_exceeding_expectations_is_signed_and_shown_on_the_criterion_and_the_final_review(
    enrolment, learner, facilitator
):
    assessment = decide(
        ask(enrolment, learner), facilitator, exceeds_expectations=True, exceeding_comment="Leads the huddle."
    )
    statement = json.loads(assessment.signature.payload)["statement"]
    assert statement["exceeds_expectations"] is True and statement["exceeding_comment"] == "Leads the huddle."
    decision = criterion_panel(enrolment, criterion(enrolment), learner)["decision"]
    assert decision.exceeds_expectations and decision.exceeding_comment == "Leads the huddle."
    assert exceeding_expectations(enrolment) == [
        {"code": "PC1", "title": criterion(enrolment).title, "comment": "Leads the huddle."}
    ]


def test_exceeding_expectations_belongs_to_an_achieved_sign_off_only(enrolment, learner, facilitator):
    assessment = decide(ask(enrolment, learner), facilitator, "development_need", exceeds_expectations=True)
    assert not assessment.exceeds_expectations
    with pytest.raises(ValidationError) as error:
        decide(ask(enrolment, learner, "PC2"), facilitator, exceeding_comment="A comment without the box ticked.")
    assert "exceeds_expectations" in error.value.error_dict


# Changed since signed: the caseload and the changes page ----------------------------------------


def test_a_changed_sign_off_waits_on_the_caseload_until_re_confirmed_even_once_looked_at(
    enrolment, learner, facilitator
):
    assessment = changed_sign_off(enrolment, learner, facilitator)
    record_look(facilitator, enrolment)  # the facilitator opens the portfolio
    items = [i for i in caseload_page(facilitator)["items"] if i.kind == "changed_since_sign_off"]
    assert len(items) == 1
    assert items[0].text.endswith("changed since you signed: re-confirm")
    assert items[0].href == reverse("assessments:changes", args=[assessment.request.uuid])
    waiting = [i for i in caseload_page(facilitator)["items"] if i.kind not in ("review_due", "new_evidence")]
    assert caseload_summary(facilitator)["waiting_count"] == len(waiting)


def test_the_changes_page_shows_the_sentence_added(signed_in, enrolment, learner, facilitator):
    assessment = changed_sign_off(enrolment, learner, facilitator, added=" I will check transport needs first.")
    page = signed_in(facilitator).get(reverse("assessments:changes", args=[assessment.request.uuid]))
    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r"<ins[^>]*>.*I will check transport needs first\.", html)
    assert "Re-confirm sign-off" in html and 'type="password"' in html
    assert LastLooked.objects.filter(user=facilitator, enrolment=enrolment).exists()


def test_the_learner_reads_the_changes_but_cannot_re_confirm(signed_in, enrolment, learner, facilitator):
    assessment = changed_sign_off(enrolment, learner, facilitator)
    url = reverse("assessments:changes", args=[assessment.request.uuid])
    client = signed_in(learner)
    html = client.get(url).content.decode()
    assert "Re-confirm sign-off" not in html
    before = _written()
    assert client.post(url, {"password": PASSWORD, "subject_hash": "x" * 64}).status_code == 403
    assert _written() == before


# Re-confirming -----------------------------------------------------------------------------------


def _reconfirm(assessment, user, password=PASSWORD, seen=None):
    request = assessment.request
    return reconfirming.reconfirm_sign_off(
        request, user=user, password=password, seen_subject_hash=seen or request_subject(request).hash
    )


def test_re_confirming_signs_the_decision_again_on_the_evidence_as_it_is_now(enrolment, learner, facilitator):
    earlier = changed_sign_off(enrolment, learner, facilitator)
    assert _status(enrolment) == "changed"
    again = _reconfirm(earlier, facilitator)
    assert _status(enrolment) == "achieved"
    assert again.reconfirms == earlier
    assert (again.outcome, again.comments, again.achieved_on) == (
        earlier.outcome,
        earlier.comments,
        earlier.achieved_on,
    )
    entry = portfolio.Entry.objects.get(uuid=again.signed_evidence.get().entry_uuid)
    assert again.signed_evidence.get().version_number == entry.version == 2
    payload = json.loads(again.signature.payload)
    assert payload["statement"]["reconfirms"] == str(earlier.signature.uuid)
    assert payload["subject"]["evidence"][0]["version"] == 2
    assert check_integrity(again.signature).intact
    # The earlier decision and its signature stay as they were.
    earlier.refresh_from_db()
    assert Signature.objects.filter(assessment=earlier).exists()
    panel = criterion_panel(enrolment, criterion(enrolment), learner)
    assert panel["decision"].reconfirmed and len(panel["earlier"]) == 1
    # The audit trail records the new decision and signature, naming what they re-confirm.
    events = AuditEvent.objects.filter(enrolment=enrolment.pk, note__reconfirms=str(earlier.uuid))
    kinds = set(events.values_list("content_type__model", flat=True))
    assert {"signoffrequest", "assessment", "signature", "signedevidence"} <= kinds
    # Nothing waits on the caseload any more.
    assert not [i for i in caseload_page(facilitator)["items"] if i.kind == "changed_since_sign_off"]


def test_a_wrong_password_re_confirms_nothing(enrolment, learner, facilitator):
    earlier = changed_sign_off(enrolment, learner, facilitator)
    before = _written()
    with pytest.raises(ValidationError):
        _reconfirm(earlier, facilitator, password="not-it")
    assert _written() == before


@pytest.mark.parametrize(
    "persona", ["learner", "supervisor", "programme_lead", "unassigned_facilitator", "other_learner", "administrator"]
)
def test_only_the_facilitator_who_signed_re_confirms(enrolment, learner, facilitator, persona, request):
    earlier = changed_sign_off(enrolment, learner, facilitator)
    before = _written()
    with pytest.raises((PermissionDenied, ValidationError)):
        _reconfirm(earlier, request.getfixturevalue(persona))
    assert _written() == before


def test_a_sign_off_that_has_not_changed_is_not_re_confirmed(enrolment, learner, facilitator):
    assessment = decide(ask(enrolment, learner), facilitator)
    with pytest.raises(reconfirming.NotReconfirmable):
        _reconfirm(assessment, facilitator)


def test_evidence_that_moved_on_again_is_not_signed(enrolment, learner, facilitator):
    earlier = changed_sign_off(enrolment, learner, facilitator)
    seen = request_subject(earlier.request).hash
    entry = portfolio.Entry.objects.get(uuid=earlier.signed_evidence.get().entry_uuid)
    portfolio.update_entry(
        entry, content={**entry.content, "outcomes": "Rewritten again."}, user=learner, seen_version=entry.version
    )
    before = _written()
    with pytest.raises(sign_offs.EvidenceMoved):
        _reconfirm(earlier, facilitator, seen=seen)
    assert _written() == before


def test_a_sign_off_replaced_by_a_later_request_is_not_re_confirmed(enrolment, learner, facilitator):
    earlier = changed_sign_off(enrolment, learner, facilitator)
    _reconfirm(earlier, facilitator)
    with pytest.raises(reconfirming.NotReconfirmable):
        _reconfirm(earlier, facilitator)


def test_a_tampered_signature_is_never_re_confirmed(enrolment, learner, facilitator):
    earlier = changed_sign_off(enrolment, learner, facilitator)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE assessments_signature SET seal = %s WHERE id = %s", ["0" * 64, earlier.signature.pk])
    with pytest.raises(reconfirming.NotReconfirmable):
        _reconfirm(earlier, facilitator)


def test_re_confirming_through_the_page_in_one_step(signed_in, enrolment, learner, facilitator):
    earlier = changed_sign_off(enrolment, learner, facilitator)
    url = reverse("assessments:changes", args=[earlier.request.uuid])
    client = signed_in(facilitator)
    page = client.get(url).content.decode()
    subject_hash = re.search(r'name="subject_hash" value="([0-9a-f]{64})"', page).group(1)
    wrong = client.post(url, {"password": "not-it", "subject_hash": subject_hash})
    assert wrong.status_code == 200 and "The password is not right" in wrong.content.decode()
    response = client.post(url, {"password": PASSWORD, "subject_hash": subject_hash})
    assert response.status_code == 302
    assert response["Location"] == reverse("portfolios:criterion", args=[enrolment.uuid, "PC1"])
    assert _status(enrolment) == "achieved"


def test_the_final_review_page_lists_where_the_care_coordinator_exceeds_expectations(
    signed_in, enrolment, learner, facilitator
):
    decide(ask(enrolment, learner), facilitator, exceeds_expectations=True, exceeding_comment="Leads the huddle.")
    final = written_review(enrolment, learner, facilitator, Review.Kind.FINAL)
    initial = written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
    page = signed_in(learner).get(reverse("assessments:review", args=[final.uuid])).content.decode()
    assert "Exceeding expectations" in page and "Leads the huddle." in page
    page = signed_in(learner).get(reverse("assessments:review", args=[initial.uuid])).content.decode()
    assert "Leads the huddle." not in page
