"""The assessment records are audited (assessments/audited.py): a sign-off leaves a trail of who asked,
what evidence, who decided and signed; an invitation's token and code never reach the trail."""

import re

from django.core import mail
from django.db import transaction

from coordinated_care import audit
from coordinated_care.assessments.models import (
    Assessment,
    Invitation,
    Review,
    Signature,
    SignedEvidence,
)
from coordinated_care.assessments.services import invitations
from coordinated_care.assessments.tests.helpers import ask, decide, written_review
from coordinated_care.audit.models import AuditEvent

from .conftest import events_for


def test_a_sign_off_is_recorded_from_request_to_signature(enrolment, learner, facilitator):
    with audit.acting_as(learner):
        request = ask(enrolment, learner)
    with audit.acting_as(facilitator):
        decide(request, facilitator)
    requested = events_for(request)
    assert requested[0].action == "create" and requested[0].actor_id == learner.pk
    # The evidence chosen is a many-to-many field: its change is kept as the entries' ids.
    evidence = [e for e in requested if e.action == "change" and "evidence" in (e.after or {})]
    assert evidence and evidence[0].after["evidence"] == list(request.evidence.values_list("pk", flat=True))
    assessment = Assessment.objects.get(request=request)
    for record in (
        assessment,
        SignedEvidence.objects.get(assessment=assessment),
        Signature.objects.get(assessment=assessment),
    ):
        (created,) = events_for(record)
        assert (created.action, created.actor_id, created.enrolment_id) == ("create", facilitator.pk, enrolment.pk)


def test_an_invitation_never_leaves_its_token_or_code_in_the_trail(
    enrolment, learner, facilitator, django_capture_on_commit_callbacks
):
    review = written_review(enrolment, learner, facilitator, Review.Kind.FINAL)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invite(
            review, user=facilitator, name="Sam Supervisor", email="sam@example.test", url_for=lambda t: f"/sign/{t}/"
        )
    token = re.search(r"/sign/([A-Za-z0-9_-]{43})/", mail.outbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_code(Invitation.objects.get(pk=invitation.pk))
    stored = Invitation.objects.get(pk=invitation.pk)
    trail = " ".join(str([e.before, e.after]) for e in AuditEvent.objects.filter(content_type__model="invitation"))
    assert "Sam Supervisor" in trail
    assert token not in trail and stored.token_hash not in trail and stored.code_hash not in trail
    assert "code_hash" not in trail and "token_hash" not in trail


def test_clearing_the_evidence_is_a_change_to_nothing(enrolment, learner):
    request = ask(enrolment, learner)
    chosen = list(request.evidence.values_list("pk", flat=True))
    with transaction.atomic():
        request.evidence.clear()
    cleared = events_for(request)[-1]
    assert (cleared.action, cleared.before, cleared.after) == ("change", {"evidence": chosen}, {"evidence": []})
