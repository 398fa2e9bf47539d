"""Every view of the app, for every persona and the anonymous visitor, through one table and the
one harness of the root conftest.

Readers of a portfolio (the learner, their facilitator and supervisor, the cohort's lead) may see
its sign-off pages; everyone else is told they do not exist (404); the anonymous visitor is sent
to sign in, except on the invitation pages, which are the only ones open without an account. A
refused POST changes nothing; an allowed one does what it says."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import EVERYONE, NOT_ALLOWED, PASSWORD, PORTFOLIO_READERS, Access, check_access

from ..models import Assessment, Invitation, LastLooked, Review, Signature, SignatureWithdrawal, SignOffRequest
from ..services import invitations
from ..services.sign_offs import request_subject
from .helpers import ask, changed_sign_off, decide, evidence, written_review

LEARNER = {"learner"}
FACILITATOR = {"facilitator"}
FACILITATORS = {"facilitator", "unassigned_facilitator"}  # who hold the facilitator role


def portfolio(get, post=None):
    """A page of the learner's portfolio: its readers GET when in `get`, POST when in `post`."""
    return Access(readers=PORTFOLIO_READERS, get=get, post=post)


def public(get_status=200, post=None):
    """An invitation page, open to everyone, the anonymous visitor included."""
    return Access(readers=EVERYONE, get=EVERYONE, post=post, get_status=get_status)


@pytest.fixture
def world(enrolment, learner, facilitator, client):
    open_request = ask(enrolment, learner, "PC1")
    decided = decide(ask(enrolment, learner, "PC2"), facilitator)
    spare = evidence(enrolment, learner, "PC3")
    changed = changed_sign_off(enrolment, learner, facilitator, "CS1")
    review = written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
    final = Review.objects.create(
        enrolment=enrolment, kind=Review.Kind.FINAL, created_by=facilitator, updated_by=facilitator
    )
    tokens = []
    invitation = invitations.invite(
        final,
        user=facilitator,
        name="Sam Extra",
        email="sam@example.test",
        url_for=lambda token: tokens.append(token) or token,
    )
    return SimpleNamespace(
        enrolment=enrolment,
        open_request=open_request,
        decided=decided,
        changed=changed,
        spare=spare,
        review=review,
        final=final,
        invitation=invitation,
        token=tokens[0],
    )


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@dataclass
class Case:
    name: str
    args: Callable
    access: Access
    post: Callable | None = None  # world -> data

    def url(self, world):
        return reverse(f"assessments:{self.name}", args=self.args(world))


CASES = [
    Case("caseload", lambda w: [], Access(readers=FACILITATORS, get=FACILITATORS)),
    Case(
        "ask",
        lambda w: [w.enrolment.uuid, "PC3"],
        portfolio(LEARNER, LEARNER),
        post=lambda w: {"evidence": [str(w.spare.uuid)], "note": ""},
    ),
    Case(
        "request",
        lambda w: [w.open_request.uuid],
        portfolio(PORTFOLIO_READERS, FACILITATOR),
        post=lambda w: {
            "outcome": "achieved",
            "comments": "Good.",
            "password": PASSWORD,
            "step": "sign",
            "subject_hash": request_subject(w.open_request).hash,
            **_date("achieved_on", timezone.localdate()),
        },
    ),
    Case(
        "changes",
        lambda w: [w.changed.request.uuid],
        portfolio(PORTFOLIO_READERS, FACILITATOR),
        post=lambda w: {"password": PASSWORD, "subject_hash": request_subject(w.changed.request).hash},
    ),
    Case("cancel", lambda w: [w.open_request.uuid], portfolio(NOT_ALLOWED, LEARNER), post=lambda w: {}),
    Case(
        "withdraw",
        lambda w: [w.decided.signature.uuid],
        portfolio(FACILITATOR, FACILITATOR),
        post=lambda w: {"reason": "Signed in error.", "password": PASSWORD},
    ),
    Case(
        "reviews",
        lambda w: [w.enrolment.uuid],
        portfolio(PORTFOLIO_READERS, {"learner", "facilitator"}),
        post=lambda w: {"kind": "progress"},
    ),
    Case("review", lambda w: [w.review.uuid], portfolio(PORTFOLIO_READERS)),
    Case(
        "review_edit",
        lambda w: [w.review.uuid],
        portfolio({"learner", "facilitator"}, {"learner", "facilitator"}),
        post=lambda w: {
            "version": w.review.version,
            "learning_needs": "Edited",
            **_date("held_on", timezone.localdate()),
        },
    ),
    Case(
        "review_sign",
        lambda w: [w.review.uuid],
        portfolio({"learner", "facilitator", "supervisor"}, {"learner", "facilitator", "supervisor"}),
        post=lambda w: {"version": w.review.version, "password": PASSWORD},
    ),
    Case(
        "invite",
        lambda w: [w.final.uuid],
        portfolio(FACILITATOR, FACILITATOR),
        post=lambda w: {"name": "Pat Extra", "email": "pat@example.test"},
    ),
    Case("cancel_invitation", lambda w: [w.invitation.uuid], portfolio(NOT_ALLOWED, FACILITATOR), post=lambda w: {}),
    Case("invitation", lambda w: [w.token], public(post=EVERYONE), post=lambda w: {}),
    Case("invitation_code", lambda w: [w.token], public(get_status=302)),
    Case("invitation_sign", lambda w: [w.token], public(get_status=302)),
    Case("invitation_done", lambda w: [], public()),
]


def state():
    return [
        list(model.objects.order_by("pk").values())
        for model in (SignOffRequest, Assessment, Signature, SignatureWithdrawal, Review, Invitation)
    ]


def assert_well_formed(html):
    assert html.count('id="maincontent"') == 1
    assert " style=" not in html
    assert not re.findall(r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>", html)
    body = html.split('id="maincontent"', 1)[-1]
    assert len(re.findall(r"<h1[\s>]", body)) == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", body)]
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"heading level jumps from h{previous} to h{current}"


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_view_for_every_persona(case, persona, world, request):
    data = (lambda: case.post(world)) if case.post else None
    check_access(request, persona, case.url(world), case.access, data=data, state=state, page_check=assert_well_formed)


def test_anonymous_visitors_see_nothing_of_a_portfolio_on_the_invitation_page(world, client):
    page = client.get(reverse("assessments:invitation", args=[world.token])).content.decode()
    assert "Test Learner" not in page and "learning" not in page.lower().replace("learning facilitator", "")
    assert not LastLooked.objects.exists()


def test_free_text_with_a_patient_identifier_is_refused(world, signed_in, facilitator):
    url = reverse("assessments:request", args=[world.open_request.uuid])
    data = {
        "outcome": "achieved",
        "comments": "Good work with the patient, NHS number 943 476 5919, at home.",
        "password": PASSWORD,
        "subject_hash": request_subject(world.open_request).hash,
        **_date("achieved_on", timezone.localdate()),
    }
    before = state()
    response = signed_in(facilitator).post(url, data)
    assert response.status_code == 200
    assert "Remove it before saving" in response.content.decode()
    assert state() == before
