"""Running the service as production does, for the tests that need a real server: the production
settings, collected static files, gunicorn on a free loopback port, and a client with just enough
of a browser (cookies, the headers the proxy in front of production sends)."""

import contextlib
import http.cookiejar
import os
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


def production_env(tmp_path, **overrides):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "DEBUG"))}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "AUDIT_SEAL_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "SITE_URL": f"https://{HOST}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "WEB_CONCURRENCY": "1",
        **overrides,
    }


def manage(env, *args, timeout=300):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def prepare(env, people=(("prod.check@example.test", "Production Check"),)):
    """Static files, the schema and people who can sign in, as a deployment would have them."""
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "migrate", "--noinput", "-v", "0")
    # Their addresses confirmed, as they must be before anyone signs in with them (ADR 13).
    made = "; ".join(
        f"confirm_address(User.objects.create_user({email!r}, {PASSWORD!r}, full_name={name!r}))"
        for email, name in people
    )
    imports = (
        "from coordinated_care.accounts.models import User; "
        "from coordinated_care.accounts.services import confirm_address"
    )
    manage(env, "shell", "-c", f"{imports}; {made}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env):
    """gunicorn with the project's configuration; yields the base URL once /healthz answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            Path(sys.executable).with_name("gunicorn"),
            "-c",
            "coordinated_care/config/gunicorn.py",
            "coordinated_care.config.wsgi",
        ],
        cwd=ROOT,
        env={**env, "PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                request = urllib.request.Request(f"{base}/healthz", headers={"Host": HOST})
                urllib.request.urlopen(request, timeout=5)
                break
            except OSError:  # not listening yet, or the worker still starting
                if process.poll() is not None:
                    pytest.fail(f"gunicorn exited: {process.stdout.read()}")
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer /healthz within a minute")
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies kept across requests (and across servers: `browser.base = other`), every request
    sent as the proxy in front of production sends it, over "https"."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect())

    def request(self, path, data=None):
        # The cookies are secure ones; the jar would keep them back from plain http to loopback.
        for cookie in self.cookies:
            cookie.secure = False
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Referer": f"https://{HOST}{path}"}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            response = self.opener.open(urllib.request.Request(f"{self.base}{path}", data=body, headers=headers))
        except urllib.error.HTTPError as error:
            response = error
        return response.status, dict(response.headers), response.read().decode(errors="replace")

    def csrf_token(self):
        # "__Host-csrftoken" under the production settings.
        return next(cookie.value for cookie in self.cookies if cookie.name.endswith("csrftoken"))

    def sign_in(self, email, password=PASSWORD):
        self.request("/accounts/login/")
        return self.request(
            "/accounts/login/", {"csrfmiddlewaretoken": self.csrf_token(), "login": email, "password": password}
        )
