"""Signing a review without an account: the token is never stored in clear, works once and
expires; a code e-mailed to the invitee must be entered first; attempts are limited; the pages show
nothing of the portfolio before the code; the signature says who actually signed."""

import datetime
import hashlib
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from ..models import Capacity, Invitation, Review, Signature
from ..services import invitations as services
from ..services import is_complete
from ..services.reviews import review_signing
from .helpers import FINAL_CONTENT, sign, written_review

SECRET_WORDS = FINAL_CONTENT["self_assessment"]


@pytest.fixture
def final_review(enrolment, learner, facilitator):
    return written_review(enrolment, learner, facilitator, Review.Kind.FINAL)


@pytest.fixture
def issued(final_review, facilitator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite(
            final_review,
            user=facilitator,
            name="Sam Supervisor",
            email="Sam.Supervisor@Example.test",
            url_for=lambda token: f"https://portfolio.example/assessments/sign/{token}/",
        )
    token = re.search(r"/sign/([A-Za-z0-9_-]{43})/", mail.outbox[-1].body).group(1)
    return invitation, token


def code_from_mail():
    return re.search(r"Your code is (\d{6})", mail.outbox[-1].body).group(1)


def test_the_token_is_random_long_and_kept_only_as_its_hash(issued):
    invitation, token = issued
    assert len(token) == 43  # 256 bits of token_urlsafe(32)
    invitation.refresh_from_db()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = " ".join(str(v) for v in Invitation.objects.values_list().get())
    assert token not in stored
    assert invitation.email == "sam.supervisor@example.test"
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)


def test_the_facilitator_alone_invites_and_never_the_learner_or_themself(
    final_review, learner, facilitator, supervisor
):
    with pytest.raises(PermissionDenied):
        services.invite(final_review, user=learner, name="A", email="a@example.test", url_for=str)
    for email in (learner.email, facilitator.email):
        with pytest.raises(services.ValidationError):
            services.invite(final_review, user=facilitator, name="Me", email=email.upper(), url_for=str)
    assert not Invitation.objects.exists()


def test_the_whole_journey_signs_once_by_invitation(
    issued, final_review, learner, facilitator, client, django_capture_on_commit_callbacks
):
    invitation, token = issued
    landing = client.get(reverse("assessments:invitation", args=[token]))
    assert landing.status_code == 200
    page = landing.content.decode()
    assert "Assigned Facilitator" in page and "final review" in page
    assert SECRET_WORDS not in page and "Test Learner" not in page  # nothing of the portfolio before the code
    assert "s•" in page and "@example.test" in page  # the address, masked
    # Straight to the review without a code: sent back.
    assert client.get(reverse("assessments:invitation_sign", args=[token]))["Location"] == reverse(
        "assessments:invitation", args=[token]
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assessments:invitation", args=[token]))
    code = code_from_mail()
    invitation.refresh_from_db()
    assert code not in invitation.code_hash and invitation.code_hash
    response = client.post(reverse("assessments:invitation_code", args=[token]), {"code": code})
    assert response["Location"] == reverse("assessments:invitation_sign", args=[token])
    review_page = client.get(response["Location"]).content.decode()
    assert SECRET_WORDS in review_page and "Test Learner" in review_page
    assert "Three conversations" not in review_page  # no evidence, no other part of the portfolio
    response = client.post(
        reverse("assessments:invitation_sign", args=[token]),
        {
            "name": "Sam Supervisor",
            "role": "Workplace supervisor",
            "registration": "NMC 12A3456B",
            "confirm": "on",
            "version": final_review.version,
        },
    )
    assert response["Location"] == reverse("assessments:invitation_done")
    signature = Signature.objects.get(invitation=invitation)
    assert signature.signer is None and signature.capacity == Capacity.ADDITIONAL
    assert (signature.signer_name, signature.signer_role, signature.professional_registration) == (
        "Sam Supervisor",
        "Workplace supervisor",
        "NMC 12A3456B",
    )
    # Single use: the link is spent.
    assert client.get(reverse("assessments:invitation", args=[token])).status_code == 410
    assert client.post(reverse("assessments:invitation_sign", args=[token]), {}).status_code == 410
    # The review's page says who signed, and that it was by invitation.
    sign(final_review, learner)
    sign(final_review, facilitator)
    assert review_signing(final_review).complete
    client.force_login(facilitator)
    page = client.get(reverse("assessments:review", args=[final_review.uuid])).content.decode()
    assert "By invitation as Sam Supervisor" in page and "NMC 12A3456B" in page
    assert not is_complete(final_review.enrolment)  # criteria not all done yet


def test_an_expired_link_does_not_work(issued, client):
    invitation, token = issued
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(reverse("assessments:invitation", args=[token])).status_code == 410
    with pytest.raises(services.InvitationGone):
        services.find_invitation(token)


def test_an_unknown_or_malformed_token_is_not_found(db, client):
    assert client.get(reverse("assessments:invitation", args=["x" * 43])).status_code == 404
    assert client.get(reverse("assessments:invitation", args=["short"])).status_code == 404


def test_a_new_invitation_cancels_the_last(issued, final_review, facilitator, client):
    invitation, token = issued
    services.invite(final_review, user=facilitator, name="Other", email="other@example.test", url_for=str)
    assert client.get(reverse("assessments:invitation", args=[token])).status_code == 410


def test_the_code_is_required_and_attempts_are_limited(issued, monkeypatch):
    invitation, _ = issued
    monkeypatch.setattr(services, "new_code", lambda: "123456")
    with pytest.raises(services.CodeRefused):
        services.verify_code(invitation, "123456")  # no code sent yet
    services.send_code(invitation)
    for _ in range(services.MAX_CODE_ATTEMPTS):
        assert services.verify_code(invitation, "000000") is False
    with pytest.raises(services.CodeRefused):
        services.verify_code(invitation, "123456")  # even the right one, now
    invitation.refresh_from_db()
    assert invitation.verified_at is None and invitation.code_attempts == services.MAX_CODE_ATTEMPTS
    services.send_code(invitation)  # a new code starts again
    assert services.verify_code(invitation, "123456") is True
    with pytest.raises(services.CodeRefused):
        services.verify_code(invitation, "123456")  # a code works once


def test_wrong_codes_are_counted_on_the_page(issued, client, django_capture_on_commit_callbacks):
    invitation, token = issued
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assessments:invitation", args=[token]))
    right = code_from_mail()
    wrong = "111111" if right != "111111" else "222222"
    page = client.post(reverse("assessments:invitation_code", args=[token]), {"code": wrong}).content.decode()
    assert "You can try 4 more times" in page
    invitation.refresh_from_db()
    assert invitation.code_attempts == 1 and invitation.verified_at is None


def test_a_code_expires(issued):
    invitation, _ = issued
    services.send_code(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(code_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(services.CodeRefused):
        services.verify_code(invitation, "123456")


def test_only_so_many_codes_are_sent(issued):
    invitation, _ = issued
    for _ in range(services.MAX_CODES):
        services.send_code(invitation)
    with pytest.raises(services.CodeRefused):
        services.send_code(invitation)


def test_a_verified_code_in_another_browser_is_not_enough(issued, client, django_capture_on_commit_callbacks):
    """The code binds the browser that entered it: someone else with the link still cannot sign."""
    invitation, token = issued
    services.send_code(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(verified_at=timezone.now())
    assert client.get(reverse("assessments:invitation_sign", args=[token])).status_code == 302


def test_signing_without_verifying_is_refused_by_the_service(issued, final_review):
    invitation, _ = issued
    with pytest.raises(services.PermissionDenied):
        services.sign_by_invitation(invitation, name="X", role="Y", registration="", seen_version=final_review.version)
    assert not Signature.objects.exists()


def test_the_audit_trail_names_the_invited_signer(issued, final_review, monkeypatch):
    from coordinated_care import audit
    from coordinated_care.audit.models import AuditEvent

    if audit.registration_for(Signature) is None:
        pytest.skip("the audit trail does not record assessment models here")
    invitation, _ = issued
    monkeypatch.setattr(services, "new_code", lambda: "123456")
    services.send_code(invitation)
    assert services.verify_code(invitation, "123456")
    signature = services.sign_by_invitation(
        invitation,
        name="Sam Supervisor",
        role="Workplace supervisor",
        registration="NMC 1",
        seen_version=final_review.version,
    )
    event = AuditEvent.objects.get(content_type__model="signature", object_id=str(signature.pk))
    assert event.actor_id is None
    assert event.actor_label == "invited signer: Sam Supervisor, Workplace supervisor, NMC 1"
    labels = set(AuditEvent.objects.filter(content_type__model="invitation").values_list("actor_label", flat=True))
    assert "invited signer (by e-mail): Sam Supervisor" in labels
