"""Every view of the app, for every persona and the anonymous visitor, through one table.

Readers of a portfolio (the learner, their facilitator and supervisor, the cohort's lead) may see
its sign-off pages; everyone else is told they do not exist (404); the anonymous visitor is sent
to sign in, except on the invitation pages, which are the only ones open without an account. A
refused POST changes nothing; an allowed one does what it says."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, PERSONAS

from ..models import Assessment, Invitation, LastLooked, Review, Signature, SignatureWithdrawal, SignOffRequest
from ..services import invitations
from ..services.sign_offs import request_subject
from .helpers import ask, decide, evidence, written_review

ANONYMOUS = "anonymous"
EVERYONE = [*PERSONAS, ANONYMOUS]
READERS = {"learner", "assessor", "supervisor", "programme_lead"}


@pytest.fixture
def world(enrolment, learner, assessor, client):
    open_request = ask(enrolment, learner, "PC1")
    decided = decide(ask(enrolment, learner, "PC2"), assessor)
    spare = evidence(enrolment, learner, "PC3")
    review = written_review(enrolment, learner, assessor, Review.Kind.INITIAL)
    final = Review.objects.create(enrolment=enrolment, kind=Review.Kind.FINAL, created_by=assessor, updated_by=assessor)
    tokens = []
    invitation = invitations.invite(
        final,
        user=assessor,
        name="Sam Extra",
        email="sam@example.test",
        url_for=lambda token: tokens.append(token) or token,
    )
    return SimpleNamespace(
        enrolment=enrolment,
        open_request=open_request,
        decided=decided,
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
    get: dict  # persona -> status; anything not named: 404 for outsiders, 403 for readers
    post: Callable | None = None  # world -> data
    post_allowed: tuple = ()
    anonymous: int = 302

    def url(self, world):
        return reverse(f"assessments:{self.name}", args=self.args(world))

    def expected_get(self, persona):
        if persona == ANONYMOUS:
            return self.anonymous
        if persona in self.get:
            return self.get[persona]
        return 403 if persona in READERS else 404

    def expected_post(self, persona):
        if persona == ANONYMOUS:
            return 302
        if persona in self.post_allowed:
            return 302
        status = self.expected_get(persona)
        if status == 405:  # a POST-only view: its object is found, or not, only on POST
            return 403 if persona in READERS else 404
        return 403 if status == 200 else status


ALL_READERS = {p: 200 for p in READERS}
POST_ONLY = {p: 405 for p in PERSONAS}
PUBLIC = {p: 200 for p in PERSONAS}

CASES = [
    Case(
        "caseload",
        lambda w: [],
        {"assessor": 200, "unassigned_assessor": 200, **{p: 403 for p in PERSONAS if "assessor" not in p}},
    ),
    Case(
        "ask",
        lambda w: [w.enrolment.uuid, "PC3"],
        {"learner": 200},
        post=lambda w: {"evidence": [str(w.spare.uuid)], "note": ""},
        post_allowed=("learner",),
    ),
    Case(
        "request",
        lambda w: [w.open_request.uuid],
        ALL_READERS,
        post=lambda w: {
            "outcome": "achieved",
            "comments": "Good.",
            "password": PASSWORD,
            "subject_hash": request_subject(w.open_request).hash,
            **_date("achieved_on", timezone.localdate()),
        },
        post_allowed=("assessor",),
    ),
    Case("cancel", lambda w: [w.open_request.uuid], POST_ONLY, post=lambda w: {}, post_allowed=("learner",)),
    Case(
        "withdraw",
        lambda w: [w.decided.signature.uuid],
        {"assessor": 200},
        post=lambda w: {"reason": "Signed in error.", "password": PASSWORD},
        post_allowed=("assessor",),
    ),
    Case(
        "reviews",
        lambda w: [w.enrolment.uuid],
        ALL_READERS,
        post=lambda w: {"kind": "progress"},
        post_allowed=("learner", "assessor"),
    ),
    Case("review", lambda w: [w.review.uuid], ALL_READERS),
    Case(
        "review_edit",
        lambda w: [w.review.uuid],
        {"learner": 200, "assessor": 200},
        post=lambda w: {
            "version": w.review.version,
            "learning_needs": "Edited",
            **_date("held_on", timezone.localdate()),
        },
        post_allowed=("learner", "assessor"),
    ),
    Case(
        "review_sign",
        lambda w: [w.review.uuid],
        {"learner": 200, "assessor": 200, "supervisor": 200},
        post=lambda w: {"version": w.review.version, "password": PASSWORD},
        post_allowed=("learner", "assessor", "supervisor"),
    ),
    Case(
        "invite",
        lambda w: [w.final.uuid],
        {"assessor": 200},
        post=lambda w: {"name": "Pat Extra", "email": "pat@example.test"},
        post_allowed=("assessor",),
    ),
    Case("cancel_invitation", lambda w: [w.invitation.uuid], POST_ONLY, post=lambda w: {}, post_allowed=("assessor",)),
    Case(
        "invitation", lambda w: [w.token], PUBLIC, post=lambda w: {}, post_allowed=(*PERSONAS, ANONYMOUS), anonymous=200
    ),
    Case("invitation_code", lambda w: [w.token], {p: 302 for p in PERSONAS}, anonymous=302),
    Case("invitation_sign", lambda w: [w.token], {p: 302 for p in PERSONAS}, anonymous=302),
    Case("invitation_done", lambda w: [], PUBLIC, anonymous=200),
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


def errors(response):
    html = response.content.decode()
    return re.findall(r"nhsuk-error-(?:message|summary__list)[^>]*>(.*?)</", html, re.S)[:10]


def client_for(persona, request):
    client = Client()
    if persona != ANONYMOUS:
        client.force_login(request.getfixturevalue(persona), backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_view_for_every_persona(case, persona, world, request):
    client = client_for(persona, request)
    url = case.url(world)
    response = client.get(url)
    expected = case.expected_get(persona)
    assert response.status_code == expected, f"GET {url} as {persona}"
    if expected == 302 and persona == ANONYMOUS and not case.name.startswith("invitation"):
        assert response["Location"].startswith("/accounts/login/?next=")
    if expected == 200:
        assert_well_formed(response.content.decode())
    if case.post is None:
        return
    before = state()
    data = case.post(world)
    response = client.post(url, data)
    assert response.status_code == case.expected_post(persona), f"POST {url} as {persona}: {errors(response)}"
    if case.expected_post(persona) != 302 or persona == ANONYMOUS and not case.name.startswith("invitation"):
        assert state() == before, f"a refused POST to {url} as {persona} changed something"
    elif case.name != "invitation":
        assert state() != before, f"POST {url} as {persona} changed nothing"


def test_anonymous_visitors_see_nothing_of_a_portfolio_on_the_invitation_page(world, client):
    page = client.get(reverse("assessments:invitation", args=[world.token])).content.decode()
    assert "Test Learner" not in page and "learning" not in page.lower().replace("learning facilitator", "")
    assert not LastLooked.objects.exists()


def test_free_text_with_a_patient_identifier_is_refused(world, signed_in, assessor):
    url = reverse("assessments:request", args=[world.open_request.uuid])
    data = {
        "outcome": "achieved",
        "comments": "Good work with the patient, NHS number 943 476 5919, at home.",
        "password": PASSWORD,
        "subject_hash": request_subject(world.open_request).hash,
        **_date("achieved_on", timezone.localdate()),
    }
    before = state()
    response = signed_in(assessor).post(url, data)
    assert response.status_code == 200
    assert "Remove it before saving" in response.content.decode()
    assert state() == before
