"""The service as production runs it: gunicorn, the production settings, collected static files.
Under the test settings the pages are already rendered with production's static storage; this
drives the real server once, signed in, so that what differs in production (HTTPS behind a proxy,
secure cookies, the settings' own checks, the WSGI entry point) is exercised too."""

import re
import urllib.error
import urllib.request

import pytest

from .production import HOST, Browser, NoRedirect, gunicorn, prepare, production_env


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    env = production_env(tmp_path_factory.mktemp("production"))
    prepare(env)
    with gunicorn(env) as base:
        yield base


def test_gunicorn_serves_signed_in_pages_and_static_files_under_production_settings(server):
    browser = Browser(server)
    status, headers, html = browser.request("/accounts/login/")
    assert status == 200, html
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    stylesheet = re.search(r'href="(/static/css/main\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, css = browser.request(stylesheet)
    assert status == 200 and "immutable" in headers["Cache-Control"]
    assert "nhsuk-header" in css

    status, _, page = browser.sign_in("prod.check@example.test")
    assert status == 302, page
    status, _, html = browser.request("/framework/")
    assert status == 200, html
    assert "Sign out" in html and "nhsuk-header" in html


def test_plain_http_is_sent_to_https(server):
    request = urllib.request.Request(f"{server}/accounts/login/", headers={"Host": HOST})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(NoRedirect()).open(request)
    assert answer.value.code == 301
    assert answer.value.headers["Location"].startswith(f"https://{HOST}/")
