import pytest


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
