"""One helper for the who-may-see-what tests of every programme and cohort view."""

import re

from conftest import PERSONAS

ANONYMOUS = "anonymous"
EVERYONE = frozenset(PERSONAS)
LEADS_AND_ADMINISTRATORS = frozenset({"programme_lead", "administrator"})


def matrix(views):
    """(view name, persona) pairs for pytest.mark.parametrize: every view, every persona and the
    anonymous visitor."""
    return [(view, persona) for view in views for persona in [*PERSONAS, ANONYMOUS]]


def check_access(client, signed_in, request, path, allowed, persona, *, post=False):
    """GET (and POST, for views that change something) `path` as `persona`: 200 when allowed,
    403 when signed in but not allowed, and the sign-in page for the anonymous visitor."""
    if persona == ANONYMOUS:
        browser = client
    else:
        browser = signed_in(request.getfixturevalue(persona))
    response = browser.get(path)
    if persona == ANONYMOUS:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), path
    elif persona in allowed:
        assert response.status_code == 200, (path, persona)
        assert_strict_csp_markup(response.content.decode())
    else:
        assert response.status_code == 403, (path, persona)
    if post and persona not in allowed:
        refused = browser.post(path, {})
        assert refused.status_code == (302 if persona == ANONYMOUS else 403), (path, persona)
    return response


def assert_strict_csp_markup(html):
    """No inline styles and no inline scripts without the response's nonce."""
    assert " style=" not in html
    assert not re.findall(r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>", html)
