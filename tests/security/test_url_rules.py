"""Every URL pattern the resolver holds, walked with every HTTP method by every persona against its
declared rule (tests/security/rules.py). A pattern without a rule fails, so that no view lands
without one; a refused request changes nothing; a role taken away takes its access with it on the
very next request."""

import re

import pytest

from conftest import ANONYMOUS, NOT_ALLOWED, client_as

from . import rules
from .rules import GROUPS, RULES, World, every_pattern, group_of

OTHER_METHODS = ("head", "options", "put", "patch", "delete")
REVOKED = ["revoked_facilitator", "revoked_programme_lead"]
# The revoked personas are the assigned facilitator and the cohort's lead with their roles taken
# away, so they are walked in a test of their own, after nobody else.
HOLDING = [p for p in rules.EVERYONE if p not in REVOKED]

pytestmark = pytest.mark.django_db


def test_every_url_pattern_has_a_declared_rule():
    undeclared, unnamed = [], []
    for route, name in every_pattern():
        if group_of(route):
            continue
        if not name:
            unnamed.append(route)
        elif name not in RULES:
            undeclared.append(f"{name} ({route})")
    assert not unnamed, f"URL patterns without a name, so without a rule: {unnamed}"
    assert not undeclared, f"Declare who may do what at these URLs in tests/security/rules.py: {undeclared}"


def test_every_rule_names_a_url_that_exists():
    names = {name for _, name in every_pattern()}
    assert set(RULES) <= names, f"Rules for URLs that are gone: {sorted(set(RULES) - names)}"


def test_a_new_view_without_a_rule_fails_the_walk(monkeypatch):
    from django.urls import path

    import coordinated_care.config.urls as root

    monkeypatch.setattr(root, "urlpatterns", [*root.urlpatterns, path("reports/x/", lambda r: None, name="x")])
    from django.urls import clear_url_caches

    clear_url_caches()
    try:
        with pytest.raises(AssertionError, match="x \\(reports/x/\\)"):
            test_every_url_pattern_has_a_declared_rule()
    finally:
        monkeypatch.undo()
        clear_url_caches()


def state():
    """What any request could change, compactly: the audit trail records every change to what it
    watches; the rest is read directly."""
    from coordinated_care.accounts.models import RoleAssignment, User
    from coordinated_care.audit.models import AuditEvent
    from coordinated_care.feedback.models import (
        Countersignature,
        FeedbackRequest,
        FeedbackResponse,
        ResponseEvidenceLink,
    )
    from coordinated_care.frameworks.models import FrameworkVersion
    from coordinated_care.portfolios.models import Draft
    from coordinated_care.programmes.models import Cohort
    from coordinated_care.roles.models import ChecklistEntry, RoleProfileVersion, SelfEvaluation

    return [
        AuditEvent.objects.count(),
        sorted(FeedbackRequest.objects.values_list("pk", "token_hash", "state")),
        FeedbackResponse.objects.count(),
        ResponseEvidenceLink.objects.count(),
        Countersignature.objects.count(),
        sorted(Draft.objects.values_list("pk", "updated_at")),
        sorted(FrameworkVersion.objects.values_list("pk", "status", "last_changed")),
        Cohort.objects.count(),
        sorted(RoleProfileVersion.objects.values_list("pk", "status", "title")),
        sorted(SelfEvaluation.objects.values_list("pk", "objectives", "updated_at")),
        sorted(ChecklistEntry.objects.values_list("pk", "status", "notes")),
        sorted(RoleAssignment.objects.values_list("pk", "role")),
        sorted(User.objects.values_list("pk", "is_staff", "is_superuser", "email")),
    ]


def _request(client, method, url, data=None):
    if method in ("get", "post"):
        return getattr(client, method)(url, data or {})
    return getattr(client, method)(url)


def _answered(response, access, method, persona, url):
    expected = access.expected(method, persona)
    got = response.status_code
    where = (method.upper(), url, persona, got)
    assert got < 500, where
    if access.allows(method, persona):
        # Allowed: answered, whatever the form made of the data.
        assert got not in (401, 403, 404, 405), (*where, "allowed")
    else:
        assert got == expected, (*where, "expected", expected)
        if expected == 302:
            assert "/accounts/login/" in response["Location"], where


def walk(request, name, personas):
    rule = RULES[name]
    access = rule.access
    world = World(request)
    url = rule.url(world)
    data = (lambda: rule.data(world)) if rule.data else dict
    data()  # building the data may build what the URL names: before the personas and the state
    clients = {persona: client_as(request, persona) for persona in personas}
    before = state()
    for persona, client in clients.items():
        got = client.get(url)
        _answered(got, access, "get", persona, url)
        # A method the URL does not take is refused (405) or answered as a GET would be. A page that
        # only reads may answer a POST so too (Django's CSRF check first).
        for method in (*OTHER_METHODS, "post") if access.post in (None, NOT_ALLOWED) else OTHER_METHODS:
            answer = _request(client, method, url)
            assert answer.status_code in {405, got.status_code}, (method.upper(), url, persona, answer.status_code)
            if answer.status_code == 302:
                assert answer["Location"] == got["Location"], (method.upper(), url, persona, answer["Location"])
    if access.post not in (None, NOT_ALLOWED):
        for persona in (p for p in personas if not access.allows("post", p)):
            _answered(clients[persona].post(url, data()), access, "post", persona, url)
    # Nothing above may change anything: every GET, every other method, every refused POST.
    assert state() == before, ("something changed", url)
    if access.post not in (None, NOT_ALLOWED):
        for position, persona in enumerate(p for p in personas if access.allows("post", p)):
            response = clients[persona].post(url, data())
            if position == 0:
                _answered(response, access, "post", persona, url)
            else:
                # What the first one posted may have used up what the URL names (a draft published,
                # a request cancelled): then it is gone (404), but never refused.
                assert response.status_code < 500 and response.status_code != 403, (url, persona, response.status_code)


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_persona_holding_a_role_is_answered_as_declared(name, request):
    walk(request, name, HOLDING)


@pytest.mark.parametrize("name", sorted(RULES))
def test_a_role_taken_away_grants_nothing_on_the_next_request(name, request):
    walk(request, name, REVOKED)


def _dummy(route):
    """A route with each converter filled in by something of its kind."""
    fills = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000000", "path": "1", "slug": "x", "str": "x"}

    def fill(match):
        converter = match.group(1) or "str"
        return fills.get(converter, "x")

    route = re.sub(r"<(?:(\w+):)?\w+>", fill, route)
    # Regular-expression routes (the admin's and allauth's few): their groups filled plainly.
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route).replace("^", "").replace("$", "")
    return "/" + route


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g.prefix)
def test_the_admin_and_account_pages_follow_their_own_rules(group, request, db):
    routes = sorted({route for route, _ in every_pattern() if group_of(route) is group})
    clients = {
        persona: client_as(request, persona) for persona in [*rules.SIGNED_IN, ANONYMOUS] if persona not in REVOKED
    }
    for route in routes:
        url = _dummy(route)
        for persona, client in clients.items():
            for method in ("get", "post"):
                if method == "post" and route.endswith("logout/"):
                    continue  # signing out would sign the client out for the routes after it
                group.check(_request(client, method, url), persona, route)
