"""The issue's check, through the pages: the learner asks for sign-off; the facilitator signs it after
re-entering their password; the learner edits the evidence and the sign-off shows as changed; a
supervisor without an account signs the final review through an invitation."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from coordinated_care.portfolios import services as portfolio

from ..models import Review, Signature
from .helpers import FINAL_CONTENT, evidence


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_sign_off_then_changed_evidence_then_a_final_review_signed_by_invitation(
    enrolment, learner, facilitator, django_capture_on_commit_callbacks
):
    entry = evidence(enrolment, learner)
    as_learner, as_facilitator, as_invitee = Client(), Client(), Client()
    as_learner.force_login(learner)
    as_facilitator.force_login(facilitator)

    # The learner asks.
    ask_url = reverse("assessments:ask", args=[enrolment.uuid, "PC1"])
    assert "Ask for sign-off" in as_learner.get(ask_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_learner.post(ask_url, {"evidence": [str(entry.uuid)], "note": ""})
    request_url = response["Location"]
    assert mail.outbox[-1].to == [facilitator.email]

    # The facilitator sees it first on their caseload, reads it and signs with their password.
    caseload = as_facilitator.get(reverse("assessments:caseload")).content.decode()
    assert "Sign-off requested" in caseload and request_url in caseload
    page = as_facilitator.get(request_url).content.decode()
    assert "Three conversations." in page and "leaving hospital" in page
    subject_hash = re.search(r'name="subject_hash" value="([0-9a-f]{64})"', page).group(1)
    decision = {
        "outcome": "achieved",
        "comments": "Shows planning over several conversations.",
        "subject_hash": subject_hash,
        **_date("achieved_on", timezone.localdate()),
    }
    # The decision is checked and shown back before the password is asked for, once.
    checked = as_facilitator.post(request_url, {**decision, "step": "check"}).content.decode()
    assert "Check and sign your decision" in checked and checked.count('type="password"') == 1
    decision["step"] = "sign"
    wrong = as_facilitator.post(request_url, {**decision, "password": "not-it"})
    assert "The password is not right" in wrong.content.decode()
    assert not Signature.objects.exists()
    assert as_facilitator.post(request_url, {**decision, "password": PASSWORD}).status_code == 302
    page = as_learner.get(request_url).content.decode()
    assert "Signed off" in page and "Assigned Facilitator" in page and "UTC" in page

    # The learner edits the evidence: the sign-off is shown as changed, not carried over.
    portfolio.update_entry(
        entry, content={**entry.content, "outcomes": "Rewritten later"}, user=learner, seen_version=1
    )
    page = as_learner.get(request_url).content.decode()
    assert "Evidence changed since sign-off" in page and "Not carried over" in page

    # The final review, written by both, signed by both, and by a supervisor without an account.
    reviews_url = reverse("assessments:reviews", args=[enrolment.uuid])
    response = as_facilitator.post(reviews_url, {"kind": "final"})
    review = Review.objects.get(kind=Review.Kind.FINAL)
    edit_url = reverse("assessments:review_edit", args=[review.uuid])
    assert response["Location"] == edit_url
    facilitator_part = {k: v for k, v in FINAL_CONTENT.items() if "coordinator" not in k and k != "self_assessment"}
    facilitator_part = {k: ("on" if v is True else v) for k, v in facilitator_part.items()}
    assert (
        as_facilitator.post(
            edit_url, {**facilitator_part, "version": 1, **_date("held_on", timezone.localdate())}
        ).status_code
        == 302
    )
    learner_part = {k: v for k, v in FINAL_CONTENT.items() if "coordinator" in k or k == "self_assessment"}
    assert as_learner.post(edit_url, {**learner_part, "version": 2}).status_code == 302
    # A stale copy is refused with a clear message.
    stale = as_learner.post(edit_url, {**learner_part, "self_assessment": "Older copy", "version": 2})
    assert stale.status_code == 409 and "saved this review" in stale.content.decode()
    sign_url = reverse("assessments:review_sign", args=[review.uuid])
    for client in (as_learner, as_facilitator):
        assert client.post(sign_url, {"version": 3, "password": PASSWORD}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        as_facilitator.post(
            reverse("assessments:invite", args=[review.uuid]),
            {"name": "Robin Supervisor", "email": "robin@example.test"},
        )
    link = re.search(r"https?://\S+/assessments/sign/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("testserver", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        as_invitee.post(path)
    code = re.search(r"Your code is (\d{6})", mail.outbox[-1].body).group(1)
    response = as_invitee.post(path + "code/", {"code": code})
    signing_page = as_invitee.get(response["Location"]).content.decode()
    assert FINAL_CONTENT["self_assessment"] in signing_page
    response = as_invitee.post(
        response["Location"],
        {"name": "Robin Supervisor", "role": "Workplace supervisor", "registration": "", "confirm": "on", "version": 3},
    )
    assert response["Location"] == reverse("assessments:invitation_done")
    page = as_learner.get(reverse("assessments:review", args=[review.uuid])).content.decode()
    assert "Fully signed" in page and "By invitation as Robin Supervisor" in page
