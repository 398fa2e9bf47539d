"""The service as production runs it: gunicorn, the production settings, collected static files.
Under the test settings the pages are already rendered with production's static storage; this
drives the real server once, signed in, so that what differs in production (HTTPS behind a proxy,
secure cookies, the settings' own checks, the WSGI entry point) is exercised too."""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HOST = "portfolio.example.nhs.uk"
PASSWORD = "a-long-enough-password-2026"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def production_env(tmp_path):
    # The test database of this run, not the one the suite uses: a file of its own.
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "DEBUG"))}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "WEB_CONCURRENCY": "1",
    }


def manage(env, *args):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def server(production_env):
    manage(production_env, "collectstatic", "--noinput", "-v", "0")
    manage(production_env, "migrate", "--noinput", "-v", "0")
    manage(
        production_env,
        "shell",
        "-c",
        "from coordinated_care.accounts.models import User; "
        f"User.objects.create_user('prod.check@example.test', '{PASSWORD}', full_name='Production Check')",
    )
    port = free_port()
    process = subprocess.Popen(
        [
            Path(sys.executable).with_name("gunicorn"),
            "-c",
            "coordinated_care/config/gunicorn.py",
            "coordinated_care.config.wsgi",
        ],
        cwd=ROOT,
        env={**production_env, "PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(urllib.request.Request(f"{base}/healthz", headers={"Host": HOST}), timeout=5)
                break
            except OSError:  # not listening yet, or the worker still starting
                if process.poll() is not None:
                    pytest.fail(f"gunicorn exited: {process.stdout.read()}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
        server.log = output


server.log = ""


class Browser:
    """Just enough of a browser: cookies, and the headers the proxy in front of production sends."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect())

    def request(self, path, data=None):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Referer": f"https://{HOST}/accounts/login/"}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            response = self.opener.open(urllib.request.Request(f"{self.base}{path}", data=body, headers=headers))
        except urllib.error.HTTPError as error:
            response = error
        return response.status, dict(response.headers), response.read().decode(errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_gunicorn_serves_signed_in_pages_and_static_files_under_production_settings(server):
    browser = Browser(server)
    status, headers, html = browser.request("/accounts/login/")
    assert status == 200, html
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    stylesheet = re.search(r'href="(/static/css/main\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, css = browser.request(stylesheet)
    assert status == 200 and "immutable" in headers["Cache-Control"]
    assert "nhsuk-header" in css

    # The cookies are secure ones: the jar hands them back only because the proxy said "https".
    for cookie in browser.cookies:
        cookie.secure = False
    token = next(cookie.value for cookie in browser.cookies if cookie.name == "csrftoken")
    status, headers, _ = browser.request(
        "/accounts/login/", {"csrfmiddlewaretoken": token, "login": "prod.check@example.test", "password": PASSWORD}
    )
    assert status == 302, _
    for cookie in browser.cookies:
        cookie.secure = False
    status, _, html = browser.request("/framework/")
    assert status == 200, html
    assert "Sign out" in html and "nhsuk-header" in html


def test_plain_http_is_sent_to_https(server):
    request = urllib.request.Request(f"{server}/accounts/login/", headers={"Host": HOST})
    opener = urllib.request.build_opener(NoRedirect())
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(request)
    assert answer.value.code == 301
    assert answer.value.headers["Location"].startswith(f"https://{HOST}/")
