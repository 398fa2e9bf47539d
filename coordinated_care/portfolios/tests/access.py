"""One helper for the who-may-see-what tests of every portfolio URL.

The learner reads and writes their own portfolio; their facilitator, supervisor and the cohort's
programme leads read it; everyone else is told it does not exist (404), and the anonymous visitor
is sent to sign in. A refused request changes nothing."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse

from conftest import PERSONAS
from coordinated_care.portfolios.models import Attachment, Draft, Entry, EntryVersion, EvidenceLink
from coordinated_care.programmes.models import AccreditedTraining

ANONYMOUS = "anonymous"
LEARNER = "learner"
READERS = frozenset({"learner", "assessor", "supervisor", "programme_lead"})
OUTSIDERS = frozenset(PERSONAS) - READERS

# Who may GET a URL: every reader, only the learner (a form), or nobody (it only takes POST).
READ, WRITE, POST_ONLY = "read", "write", "post-only"


@dataclass
class Case:
    name: str
    args: Callable  # portfolio -> URL arguments
    get: str
    post: Callable | None = None  # portfolio -> the data of a valid POST, when the URL takes one
    learner_get_status: int = 200
    learner_post_status: int = 302
    id: str = field(default="")

    def url(self, portfolio):
        return reverse(f"portfolios:{self.name}", args=self.args(portfolio))

    def __str__(self):
        return self.id or self.name


def state():
    """Everything a portfolio request could change."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (Entry, EntryVersion, EvidenceLink, Attachment, Draft, AccreditedTraining)
    ]


def client_for(persona, request):
    client = Client()
    if persona != ANONYMOUS:
        client.force_login(request.getfixturevalue(persona), backend="django.contrib.auth.backends.ModelBackend")
    return client


def assert_strict_csp_markup(html):
    """No inline styles and no inline scripts without the response's nonce."""
    assert " style=" not in html
    assert not re.findall(r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>", html)


def _expected_get(case, persona):
    if persona == ANONYMOUS:
        return 302
    if case.get == POST_ONLY:
        return 405
    if persona in OUTSIDERS:
        return 404
    if persona == LEARNER:
        return case.learner_get_status
    return 200 if case.get == READ else 403


def _expected_post(case, persona):
    if persona == ANONYMOUS:
        return 302
    if case.post is None:
        return 405
    if persona in OUTSIDERS:
        return 404
    if persona == LEARNER:
        return case.learner_post_status
    return 403


def check_every_persona(case, portfolio, request):
    """GET and POST `case` as every persona and the anonymous visitor. The learner goes last, so
    their (allowed) POST cannot hide a change someone else made."""
    url = case.url(portfolio)
    for persona in [ANONYMOUS, *sorted(set(PERSONAS) - {LEARNER}), LEARNER]:
        client = client_for(persona, request)
        response = client.get(url)
        assert response.status_code == _expected_get(case, persona), ("GET", url, persona)
        if persona == ANONYMOUS:
            assert response["Location"].startswith(reverse("account_login")), url
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            assert_strict_csp_markup(response.content.decode())

        before = state()
        data = case.post(portfolio) if case.post else {}
        response = client.post(url, data)
        assert response.status_code == _expected_post(case, persona), ("POST", url, persona)
        if persona != LEARNER or case.post is None:
            assert state() == before, ("a refused POST changed something", url, persona)
