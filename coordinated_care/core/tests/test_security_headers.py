import re

import pytest

# The whole policy, directive by directive: a source added to one (say `https:` to script-src) or a
# directive dropped (say object-src, which default-src does not cover for plugins in every
# browser) is a weaker policy, and fails here.
NONCE = "'nonce-{nonce}'"
STRICT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", NONCE],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def directives(header):
    """A Content-Security-Policy header as {directive: [sources]}, each named once."""
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split() or [""]
        if name:
            assert name not in policy, f"{name} given twice"
            policy[name.lower()] = sources
    return policy


def test_directives_are_read_one_by_one():
    assert directives("default-src 'self'; img-src 'self' data: ;") == {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
    }


@pytest.mark.parametrize("who", ["anonymous", "learner"])
def test_the_policy_is_exactly_the_strict_one(who, client, signed_in, learner):
    response = client.get("/accounts/login/") if who == "anonymous" else signed_in(learner).get("/learner/")
    assert response.status_code == 200
    assert "Content-Security-Policy-Report-Only" not in response
    policy = directives(response["Content-Security-Policy"])
    nonces = [s for s in policy.get("script-src", []) if re.fullmatch(r"'nonce-[A-Za-z0-9+/=_-]{16,}'", s)]
    assert len(nonces) == 1, policy.get("script-src")
    nonce = nonces[0][len("'nonce-") : -1]
    assert f'nonce="{nonce}"' in response.content.decode()
    expected = {name: [source.format(nonce=nonce) for source in sources] for name, sources in STRICT_POLICY.items()}
    assert policy == expected


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    # The only inline script is the NHS.UK template's, and it carries this response's nonce.
    assert html.count("<script") == html.count(f'nonce="{nonce}"') + html.count('<script type="module" src=')
    assert ' style="' not in html


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_pages_are_not_cached(signed_in, learner):
    response = signed_in(learner).get("/learner/")
    assert response["Cache-Control"] == "no-store"
