"""Error pages in the NHS layout, under the strict CSP (no inline styles), with a way back: 404, 403,
400 and 500 through Django's own handlers (DEBUG is False in the test settings), and the CSRF
failure page that sends a person to sign in again and back to their page."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import include, path, reverse

HEADER = 'class="nhsuk-header'


@login_not_required
def _forbidden(request):
    raise PermissionDenied("Internal detail that must not be shown.")


@login_not_required
def _bad(request):
    raise SuspiciousOperation("Internal detail that must not be shown.")


@login_not_required
def _broken(request):
    raise RuntimeError("Internal detail that must not be shown.")


# The site's own URLs (the layout reverses them) and three views that fail on purpose.
urlpatterns = [
    path("test-errors/403/", _forbidden),
    path("test-errors/400/", _bad),
    path("test-errors/500/", _broken),
    path("", include(settings.ROOT_URLCONF)),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def _assert_nhs_page(response, status, heading):
    assert response.status_code == status
    html = response.content.decode()
    assert HEADER in html
    assert "nhsuk-footer" in html
    assert f"<h1>{heading}</h1>" in html
    assert not re.search(r"\sstyle=", html), "inline style attributes break the CSP"
    assert "<style" not in html
    assert "Internal detail" not in html
    return html


def test_django_does_not_debug_here():
    assert settings.DEBUG is False


@pytest.mark.parametrize("signed_in_as", [None, "learner"])
def test_page_not_found(client, request, signed_in_as):
    if signed_in_as:
        client.force_login(request.getfixturevalue(signed_in_as), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/accounts/no-such-page/")
    html = _assert_nhs_page(response, 404, "Page not found")
    assert '<a href="/">Go to the home page</a>' in html
    assert "Content-Security-Policy" in response.headers


def test_page_not_found_when_signed_in_shows_who(signed_in, learner):
    html = _assert_nhs_page(signed_in(learner).get("/no-such-page/"), 404, "Page not found")
    assert "Test Learner" in html


def test_permission_denied(signed_in, learner):
    html = _assert_nhs_page(
        signed_in(learner).get("/test-errors/403/"), 403, "You do not have permission to see this page"
    )
    assert '<a href="/">Go to the home page</a>' in html


def test_bad_request(client):
    html = _assert_nhs_page(client.get("/test-errors/400/"), 400, "Sorry, there is a problem with your request")
    assert '<a href="/">Go to the home page</a>' in html


@pytest.mark.parametrize("signed_in_as", [None, "learner"])
def test_server_error_needs_no_request(request, signed_in_as):
    client = Client(raise_request_exception=False)
    if signed_in_as:
        client.force_login(request.getfixturevalue(signed_in_as), backend="django.contrib.auth.backends.ModelBackend")
    html = _assert_nhs_page(client.get("/test-errors/500/"), 500, "Sorry, there is a problem with the service")
    assert '<a href="/">Go to the home page</a>' in html
    # Nothing about the person: the handler renders without the request.
    assert "Test Learner" not in html
    assert "Sign out" not in html


def test_server_error_template_renders_without_any_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert HEADER in html and "Sorry, there is a problem with the service" in html


class TestCsrfFailure:
    def _post(self, client, **headers):
        return client.post(reverse("account_login"), {"login": "someone@example.com"}, headers=headers)

    def test_an_nhs_page_that_sends_the_person_back_to_their_page(self, signed_in, learner):
        client = Client(enforce_csrf_checks=True)
        client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
        response = self._post(client, Referer="http://testserver/portfolio/abc/entries/new/?kind=case-study")
        html = _assert_nhs_page(response, 403, "Your session has ended")
        assert (
            "Your session has ended or the form was out of date. Your writing is kept on this device: "
            "sign in again and you will be offered it back." in html
        )
        link = re.search(r'<a href="([^"]+)">Sign in again</a>', html).group(1).replace("&amp;", "&")
        parts = urlsplit(link)
        assert parts.path == reverse("account_login")
        assert parse_qs(parts.query) == {"next": ["/portfolio/abc/entries/new/?kind=case-study"]}
        assert "CSRF" not in html

    def test_no_next_from_another_site(self):
        client = Client(enforce_csrf_checks=True)
        html = _assert_nhs_page(
            self._post(client, Referer="https://evil.example/phish/"), 403, "Your session has ended"
        )
        assert f'<a href="{reverse("account_login")}">Sign in again</a>' in html
        assert "evil.example" not in html

    def test_no_referer_still_offers_sign_in(self):
        html = _assert_nhs_page(self._post(Client(enforce_csrf_checks=True)), 403, "Your session has ended")
        assert f'<a href="{reverse("account_login")}">Sign in again</a>' in html
