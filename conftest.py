"""Personas shared by every app's tests (STYLE.md): learner, facilitator (assigned, unassigned and
assigned but no longer holding the role), programme lead, supervisor, employer, administrator and
the anonymous visitor (the `client`); and the one harness that walks a URL through all of them
(`Access`, `check_access`)."""

import functools
import io
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from coordinated_care.accounts.models import Organisation, Role, RoleAssignment
from coordinated_care.accounts.tests.factories import (
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
    record_second_factor,
)

# The browser journeys' fixtures (browser, page, phone_page, strict_page, new_page, demo_data), for
# tests/browser and for the journeys each app keeps with its own tests.
pytest_plugins = ["tests.browser.fixtures"]

PASSWORD = "correct-horse-battery"


# Optional: runs without xdist (`-p no:xdist`) know no such hook.
@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test` (`--dist loadgroup`) hands the workers the tests one by one, so that a long module
    (the security walk, two tests per URL) no longer holds one worker while the others wait. A
    module that makes a fixture once for the module (a browser for its journeys, a PDF) stays
    together on one worker, so that it is still made once. (xdist's own `xdist_group` marks are
    honoured too, though pytest 9 keeps xdist from naming a marked test after its group.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class SharedFixturesTogether(LoadGroupScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if _shares_fixtures(config.rootpath / module) else super()._split_scope(nodeid)

    return SharedFixturesTogether(config, log)


@functools.cache
def _shares_fixtures(path):
    """Whether a test module's tests share something made once for them: a journey's browser (the
    module is marked `browser`) or a fixture of its own scoped to the module or a class."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError:
        return False
    return bool(re.search(r"pytest\.mark\.browser|scope=[\"'](?:module|class|package)[\"']", source))


def pytest_sessionstart(session):
    # Once for the whole run, before any worker starts: the test settings serve static files through
    # production's manifest storage, which needs them collected. Only when the built assets are newer
    # than the collection, so that two runs side by side do not rewrite the files under each other.
    if hasattr(session.config, "workerinput"):
        return
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    sources = [path for folder in settings.STATICFILES_DIRS for path in Path(folder).rglob("*") if path.is_file()]
    newest = max((path.stat().st_mtime for path in sources), default=0)
    if not manifest.exists() or manifest.stat().st_mtime < newest or _apps_static_missing(manifest):
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())


def _apps_static_missing(manifest):
    """Whether an installed app ships a static file the collection lacks (an app just added, such
    as allauth's MFA with its WebAuthn script): its files are not in STATICFILES_DIRS."""
    import json

    from django.contrib.staticfiles.finders import AppDirectoriesFinder

    collected = json.loads(manifest.read_text()).get("paths", {})
    return any(path not in collected for path, _ in AppDirectoriesFinder().list([]))


@pytest.fixture
def practice(db):
    return OrganisationFactory(name="Test Practice", kind=Organisation.Kind.PRACTICE)


@pytest.fixture
def training_provider(db):
    return OrganisationFactory(name="Test Training Hub", kind=Organisation.Kind.TRAINING_PROVIDER)


def _person(role, organisation, name):
    return RoleAssignmentFactory(role=role, organisation=organisation, user=UserFactory(full_name=name)).user


@pytest.fixture
def learner(practice):
    return _person(Role.LEARNER, practice, "Test Learner")


@pytest.fixture
def other_learner(practice):
    return _person(Role.LEARNER, practice, "Other Learner")


@pytest.fixture
def facilitator(practice):
    return _person(Role.FACILITATOR, practice, "Assigned Facilitator")


@pytest.fixture
def revoked_facilitator(enrolment):
    """The learner's assigned facilitator after their facilitator role was taken away: the enrolment
    still names them, but they no longer hold the role. The same person as `facilitator` (the
    enrolment names one facilitator), so a test asks for one or the other."""
    facilitator = enrolment.facilitator
    RoleAssignment.objects.filter(user=facilitator, role=Role.FACILITATOR).delete()
    facilitator.__dict__.pop("_roles_cache", None)
    return facilitator


@pytest.fixture
def revoked_programme_lead(cohort):
    """The cohort's programme lead after their programme lead role was taken away: the cohort still
    names them among its leads, but they no longer hold the role. The same person as
    `programme_lead`, so a test asks for one or the other."""
    lead = cohort.leads.get()
    RoleAssignment.objects.filter(user=lead, role=Role.PROGRAMME_LEAD).delete()
    lead.__dict__.pop("_roles_cache", None)
    return lead


@pytest.fixture
def unassigned_facilitator(db):
    return _person(Role.FACILITATOR, OrganisationFactory(name="Another Practice"), "Unassigned Facilitator")


@pytest.fixture
def supervisor(practice):
    return _person(Role.SUPERVISOR, practice, "Test Supervisor")


@pytest.fixture
def programme_lead(training_provider):
    return _person(Role.PROGRAMME_LEAD, training_provider, "Test Programme Lead")


@pytest.fixture
def employer(practice):
    return _person(Role.EMPLOYER, practice.parent, "Test Employer")


@pytest.fixture
def administrator(practice):
    user = _person(Role.ADMINISTRATOR, practice.parent.parent, "Test Administrator")
    user.is_staff = True
    user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@pytest.fixture
def signed_in(client):
    """Sign a persona in: `signed_in(learner)` returns the client."""

    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        # As if through the sign-in page: with their second factor too, when they have one (ADR 13).
        record_second_factor(client, user)
        return client

    return sign_in


@pytest.fixture
def cohort(training_provider, programme_lead):
    from coordinated_care.programmes.tests.factories import CohortFactory

    return CohortFactory(training_provider=training_provider, leads=[programme_lead])


@pytest.fixture
def enrolment(cohort, learner, practice, facilitator, supervisor):
    """The learner's enrolment: `facilitator` is their facilitator, `supervisor` their supervisor and
    `programme_lead` leads the cohort. `unassigned_facilitator` has nothing to do with it."""
    from coordinated_care.programmes.services import enrol

    return enrol(cohort=cohort, learner=learner, practice=practice, facilitator=facilitator, supervisor=supervisor)


@pytest.fixture
def other_enrolment(cohort, other_learner, unassigned_facilitator):
    from coordinated_care.programmes.services import enrol

    return enrol(
        cohort=cohort,
        learner=other_learner,
        practice=unassigned_facilitator.role_assignments.get().organisation,
        facilitator=unassigned_facilitator,
    )


# Every persona, for tests that walk a view through all of them.
PERSONAS = [
    "learner",
    "other_learner",
    "facilitator",
    "unassigned_facilitator",
    "revoked_facilitator",
    "supervisor",
    "programme_lead",
    "employer",
    "administrator",
]
ANONYMOUS = "anonymous"
EVERYONE = [*PERSONAS, ANONYMOUS]

# Who may read the learner's portfolio (programmes.services.access): the learner, their
# facilitator and supervisor and the cohort's lead, each while they hold that role.
PORTFOLIO_READERS = frozenset({"learner", "facilitator", "supervisor", "programme_lead"})

# A method the URL does not take: 405 for everyone signed in, found or not.
NOT_ALLOWED = "not allowed"


@dataclass(frozen=True)
class Access:
    """Who may do what at one URL, and so what each persona is answered. One rule for everyone:

    - the anonymous visitor is sent to sign in (unless ANONYMOUS is among the readers: the few
      pages open without an account);
    - an outsider, anyone not among the `readers` of what the URL names, is told it does not
      exist (404), so that guessing addresses reveals nothing;
    - a reader may GET when in `get` and POST when in `post`, and is refused (403) otherwise;
    - NOT_ALLOWED: the URL does not take that method (405); None: that method is not tried.

    An allowed GET answers `get_status`, an allowed POST `post_status`, and an allowed POST changes
    what `state` returns unless `changes` is False. A refused request changes nothing."""

    readers: Collection[str]
    get: Collection[str] | str | None = None
    post: Collection[str] | str | None = None
    get_status: int = 200
    post_status: int = 302
    changes: bool = True

    def allows(self, method, persona):
        who = self.get if method == "get" else self.post
        return who != NOT_ALLOWED and persona in self.readers and persona in who

    def expected(self, method, persona):
        who = self.get if method == "get" else self.post
        if persona == ANONYMOUS and ANONYMOUS not in self.readers:
            return 302
        if who == NOT_ALLOWED:
            return 405
        if persona not in self.readers:
            return 404
        if persona in who:
            return self.get_status if method == "get" else self.post_status
        return 403


def client_as(request, persona):
    """A test client signed in as `persona` (a fixture's name), or not signed in at all."""
    client = Client()
    if persona != ANONYMOUS:
        client.force_login(request.getfixturevalue(persona), backend="django.contrib.auth.backends.ModelBackend")
    return client


def assert_strict_csp_markup(html):
    """No inline styles and no inline scripts without the response's nonce."""
    assert " style=" not in html
    assert not re.findall(r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>", html)


def check_access(
    request,
    persona,
    url,
    access: Access,
    *,
    data: dict | Callable | None = None,
    state: Callable | None = None,
    page_check: Callable = assert_strict_csp_markup,
):
    """GET and POST `url` as `persona` and assert the answers `access` gives. `data` (or a
    callable making it just before the POST) is what is posted; `page_check` is run on every HTML
    page served. Returns the GET's response, or None when there was no GET."""
    client = client_as(request, persona)
    got = None
    if access.get is not None:
        got = client.get(url)
        _assert_answer(got, access, "get", persona, url, page_check)
    if access.post is not None:
        before = state() if state else None
        posted = client.post(url, (data() if callable(data) else data) or {})
        _assert_answer(posted, access, "post", persona, url, page_check)
        if state is not None:
            should_change = access.allows("post", persona) and access.changes
            assert (state() != before) is should_change, ("what the POST changed", url, persona, should_change)
    return got


def _assert_answer(response, access, method, persona, url, page_check):
    expected = access.expected(method, persona)
    assert response.status_code == expected, (method.upper(), url, persona, response.status_code)
    if persona == ANONYMOUS and ANONYMOUS not in access.readers:
        assert response["Location"].startswith(reverse("account_login")), (method.upper(), url)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        page_check(response.content.decode())
