"""Fixtures for the Playwright journeys in Debian's Chromium against the live test server, loaded
for the whole suite by the root conftest (`pytest_plugins`), so that every app's journeys share
them: a browser per test module, a fresh context and page for every test. Pages are opened
with the Content-Security-Policy bypassed so that axe can be injected; the one test that proves the
policy holds asks for `strict_page` instead.
"""

import contextlib
import io
import os
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.staticfiles import handlers
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_EXECUTABLE", "/usr/bin/chromium")
# As root and on a closed network: no sandbox, and none of the background connections Chromium
# makes at start-up (each is refused here, and a flood of them slows every launch).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# A small phone, as used in a practice: the size of an iPhone SE, with touch and the mobile viewport.
PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


class _ServedAsInProduction(handlers.StaticFilesHandler):
    """The live server's static handler, standing aside: Django's own serves files by their source
    names through the finders, which know none of the manifest's hashed names, so whitenoise (in the
    middleware, as in production) serves them instead."""

    def _should_handle(self, path):
        return False


@pytest.fixture(scope="session", autouse=True)
def _static_files_through_whitenoise():
    # pytest-django's live server looks the handler up in this module when it starts.
    with mock.patch.object(handlers, "StaticFilesHandler", _ServedAsInProduction):
        yield


# One browser per module of journeys. Not for the session: while it is open, Playwright's sync
# API keeps an asyncio loop running in the main thread, and Django refuses ORM calls (factories,
# seed_demo, the flush after each test) from a thread with a running loop unless
# DJANGO_ALLOW_ASYNC_UNSAFE is set. That variable must not outlive the journeys: subprocesses of
# other tests inherit it, and `check --deploy` rightly fails on it. Module scope also means no two
# Playwright instances are ever open at once, which the sync API does not allow.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: install Debian's `chromium` package (as .ci/run does), set "
            "CHROMIUM_EXECUTABLE to another Chromium, or run `make test-fast` to leave the browser journeys out.",
            pytrace=False,
        )
    with mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}):
        playwright = sync_playwright().start()
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
        finally:
            playwright.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Kept on the item so that the page fixture can leave a screenshot of a failed journey.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser, live_server, request):
    """Open a page in a fresh context: `new_page()`, `new_page(phone=True)`, `new_page(bypass_csp=False)`.

    It asks for the live server so that its pages are closed before the database is flushed after
    the test: a page still autosaving a draft would otherwise hold SQLite's lock during the flush."""
    contexts = []

    def open_page(phone=False, bypass_csp=True):
        device = PHONE if phone else DESKTOP
        context = browser.new_context(**device, bypass_csp=bypass_csp, locale="en-GB")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page

    report = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts):
        if report is not None and report.failed:
            RESULTS.mkdir(exist_ok=True)
            name = "".join(c if c.isalnum() else "-" for c in request.node.nodeid)
            for page in context.pages:
                # A screenshot that cannot be taken must not hide the failure it was meant to show.
                with contextlib.suppress(PlaywrightError):
                    page.screenshot(path=RESULTS / f"{name}-{number}.png", full_page=True)
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def phone_page(new_page):
    return new_page(phone=True)


@pytest.fixture
def strict_page(new_page):
    """A page that runs under the site's own Content-Security-Policy: axe cannot be injected here."""
    return new_page(bypass_csp=False)


# seed_demo's database, copied once per worker after its first run (SQLite's backup API), so that
# every later journey starts from a copy of it instead of running seed_demo again after the flush:
# the same rows, sequences and triggers, for a few milliseconds instead of seconds of CPU each.
_seeded = {}


@pytest.fixture
def demo_data(transactional_db):
    """The demo data of `make run`, as seed_demo leaves an empty database. On an in-memory SQLite
    test database (the default) the first journey of a worker runs seed_demo and the rest get a copy
    of what it made; on any other database every journey runs seed_demo."""
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        call_command("seed_demo", stdout=io.StringIO())
        return
    import sqlite3

    connection.ensure_connection()
    live = connection.connection
    snapshot = _seeded.get(connection.settings_dict["NAME"])
    if snapshot is None:
        call_command("seed_demo", stdout=io.StringIO())
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        live.backup(snapshot)
        _seeded[connection.settings_dict["NAME"]] = snapshot
    else:
        snapshot.backup(live)
        # The copy has the ids of the first seed, which a later journey's cache or content types
        # (remade with new ids by the flush) would otherwise confuse with its own.
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import cache

        ContentType.objects.clear_cache()
        cache.clear()
