"""A delegate assesses on behalf of the facilitator (ADR 16): what they sign says so in its
payload, its row, on the page, on the audit trail and in e-mails; the facilitator sees it on
their caseload; outside the period nothing is allowed."""

import datetime
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from coordinated_care.audit.models import AuditEvent
from coordinated_care.programmes.models import Delegation, Enrolment
from coordinated_care.programmes.services import delegations
from coordinated_care.programmes.tests.delegations import colleague_of, delegate_to

from ..models import Capacity, Review, Signature
from ..presenters import caseload_page
from ..presenters.delegated import delegation_panel
from ..services import signing
from ..services.caseload import caseload
from .helpers import ask, decide, sign, sign_off, written_review


@pytest.fixture
def colleague(enrolment):
    return colleague_of(enrolment)


@pytest.fixture
def delegation(enrolment, colleague):
    return delegate_to(enrolment, colleague, days=14)


def fresh(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk)


def test_the_delegate_signs_off_on_behalf_of_the_facilitator(
    enrolment, learner, facilitator, colleague, delegation, django_capture_on_commit_callbacks
):
    request = ask(enrolment, learner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assessment = decide(request, colleague)
    signature = assessment.signature
    assert signature.signer == colleague and signature.capacity == Capacity.FACILITATOR
    assert signature.on_behalf_of == facilitator and signature.on_behalf_of_name == "Assigned Facilitator"
    assert signature.delegation == delegation
    assert signature.on_behalf == "on behalf of Assigned Facilitator"
    payload = json.loads(signature.payload)
    assert payload["on_behalf_of"] == {
        "name": "Assigned Facilitator",
        "account": facilitator.pk,
        "delegation": str(delegation.uuid),
    }
    assert signing.check_integrity(signature).intact
    # The audit trail notes the act on behalf.
    event = AuditEvent.objects.get(content_type__model="signature", object_id=str(signature.pk))
    assert event.note["on_behalf_of"] == "Assigned Facilitator"
    # The facilitator is told; the learner reads who assessed for whom.
    by_address = {m.to[0]: m for m in mail.outbox}
    told = by_address[facilitator.email]
    assert told.subject == "Signed on your behalf for Test Learner"
    assert "Colleague Facilitator signed for Test Learner on your behalf" in told.body
    assert "PC1" in told.body
    assert (
        "Colleague Facilitator, on behalf of Assigned Facilitator, has assessed PC1" in by_address[learner.email].body
    )


def test_the_facilitators_own_signature_is_as_it_always_was(enrolment, learner, facilitator, delegation):
    """Signing for oneself adds nothing: the payload has no on_behalf_of, as before delegations."""
    signature = sign_off(enrolment, learner, facilitator).signature
    assert "on_behalf_of" not in json.loads(signature.payload)
    assert signature.on_behalf_of is None and signature.on_behalf == ""
    assert signing.check_integrity(signature).intact


def test_a_changed_on_behalf_column_is_detected(enrolment, learner, colleague, delegation):
    signature = decide(ask(enrolment, learner), colleague).signature
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Signature._meta.db_table} SET on_behalf_of_name = %s WHERE id = %s", ["X", signature.pk]
        )
    problems = signing.check_integrity(Signature.objects.get(pk=signature.pk)).problems
    assert any("on behalf of name" in p for p in problems)


def test_the_delegate_signs_a_review_as_facilitator_on_behalf(enrolment, learner, facilitator, colleague, delegation):
    review = written_review(enrolment, learner, colleague, Review.Kind.INITIAL)
    signature = sign(review, colleague)
    assert signature.capacity == Capacity.FACILITATOR and signature.on_behalf_of == facilitator


def test_the_signature_page_shows_on_behalf_of(enrolment, learner, colleague, delegation, signed_in):
    assessment = decide(ask(enrolment, learner), colleague)
    page = signed_in(learner).get(f"/assessments/requests/{assessment.request.uuid}/")
    assert page.status_code == 200
    assert "Colleague Facilitator on behalf of Assigned Facilitator" in page.content.decode()


def _ended(enrolment, colleague, *, starts, ends, **extra):
    return Delegation.objects.create(
        enrolment=enrolment,
        facilitator=enrolment.facilitator,
        delegate=colleague,
        starts_on=starts,
        ends_on=ends,
        reason="Leave",
        created_by=enrolment.facilitator,
        **extra,
    )


@pytest.mark.parametrize("when", ["ended yesterday", "starts tomorrow", "withdrawn"])
def test_outside_the_period_the_delegate_can_do_nothing(enrolment, learner, colleague, when, signed_in):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    if when == "ended yesterday":
        _ended(enrolment, colleague, starts=today - 14 * day, ends=today - day)
    elif when == "starts tomorrow":
        _ended(enrolment, colleague, starts=today + day, ends=today + 14 * day)
    else:
        delegations.withdraw(delegate_to(enrolment, colleague), user=enrolment.facilitator)
    request = ask(enrolment, learner)
    with pytest.raises(PermissionDenied):
        decide(request, colleague)
    client = signed_in(colleague)
    assert client.get(f"/portfolio/{enrolment.uuid}/").status_code == 404
    assert client.get(f"/assessments/requests/{request.uuid}/").status_code == 404
    assert caseload(colleague) == []


def test_on_the_last_day_the_delegate_still_reads_and_assesses(enrolment, learner, colleague, signed_in):
    today = timezone.localdate()
    _ended(enrolment, colleague, starts=today - datetime.timedelta(days=13), ends=today)
    assert signed_in(colleague).get(f"/portfolio/{enrolment.uuid}/").status_code == 200
    assert decide(ask(enrolment, learner), colleague).signature.on_behalf_of == enrolment.facilitator


def test_the_delegates_caseload_holds_the_learner_on_behalf_of_their_facilitator(
    enrolment, learner, colleague, delegation
):
    ask(enrolment, learner)
    page = caseload_page(colleague)
    assert [row["on_behalf_of"] for row in page["learners"]] == ["Assigned Facilitator"]
    assert "sign_off" in [item.kind for item in page["items"]]
    assert caseload_page(enrolment.facilitator)["learners"][0]["on_behalf_of"] == ""


def test_the_facilitators_caseload_shows_the_delegation_and_what_was_signed(
    enrolment, learner, facilitator, colleague, delegation, signed_in, django_assert_max_num_queries
):
    decide(ask(enrolment, learner), colleague)
    with django_assert_max_num_queries(2):
        panel = delegation_panel(facilitator)
    assert [d["delegate"] for d in panel["delegated_away"]] == ["Colleague Facilitator"]
    [signed] = panel["signed_on_behalf"]
    assert signed["learner"] == "Test Learner" and signed["what"].startswith("PC1") and signed["meaning"] == "Achieved"
    html = signed_in(facilitator).get("/assessments/caseload/").content.decode()
    assert "Signed on your behalf" in html and "Colleague Facilitator on behalf of you" in html
    assert "Delegated while you are away" in html
