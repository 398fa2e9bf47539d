"""A local OpenID Connect provider for the tests, standing in for NHS CIS2 Authentication: it runs
in the test's own process, answering the service's server-to-server requests through a requests
transport adapter, with RSA keys generated for the test run. It checks what a real provider would
(the PKCE verifier against the challenge, the client assertion's signature against the client's
registered public key, the code used once) and records what it was sent, so tests can assert it.

    provider = LocalProvider(client_public_key)
    monkeypatch.setattr(DefaultSocialAccountAdapter, "get_requests_session", provider.session)
"""

import base64
import hashlib
import json
import secrets
import time
import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://cis2.provider.test/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare"
CLIENT_ID = "coordinated-care-portfolio"
CLIENT_KEY_ID = "portfolio-key-1"
PROVIDER_KEY_ID = "provider-key-1"
LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def private_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def app_settings(client_key):
    """SOCIALACCOUNT_PROVIDERS as base.py builds it from CIS2_* variables, for this provider."""
    return {
        "openid_connect": {
            "provider_class": "coordinated_care.accounts.oidc.provider.OrganisationProvider",
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "cis2",
                    "name": "NHS CIS2 Authentication",
                    "client_id": CLIENT_ID,
                    "secret": "",
                    "settings": {
                        "server_url": ISSUER,
                        "private_key": private_pem(client_key),
                        "key_id": CLIENT_KEY_ID,
                        "signing_algorithm": "RS512",
                        "scope": ["openid", "profile", "email", "nationalrbacaccess"],
                        "acr_values": "AAL3_ANY",
                    },
                }
            ],
        }
    }


class LocalProvider(requests.adapters.BaseAdapter):
    def __init__(self, client_public_key):
        super().__init__()
        self.key = new_key()
        self.client_public_key = client_public_key
        self.codes = {}  # code -> what the authorization request asked for, and who signed in
        self.token_requests = []  # the form of each token request, as sent
        self.assertions = []  # the client assertions' verified claims
        self.access_tokens = {}  # access token -> the person's claims, for /userinfo

    # The browser's half: the service redirects it to /authorize; the test plays the person.
    def authorize(self, location, *, sub, email, sid="provider-session-1", email_verified=True, nonce=None):
        """What the provider does when the person signs in at the authorization URL: returns the
        query string of the redirect back to the service (code and state)."""
        query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "request": query,
            "claims": {"sub": sub, "email": email, "email_verified": email_verified, "sid": sid, "name": "Signed In"},
            "nonce": query.get("nonce") if nonce is None else nonce,
        }
        return urlencode({"code": code, "state": query["state"]})

    def logout_token(self, *, sub=None, sid=None, key=None, **extra):
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "iat": int(time.time()),
            "jti": str(uuid.uuid4()),
            "events": {LOGOUT_EVENT: {}},
            **({"sub": sub} if sub else {}),
            **({"sid": sid} if sid else {}),
            **extra,
        }
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": PROVIDER_KEY_ID})

    def session(self, *args):
        """A requests session whose requests to the provider are answered here (the signature of
        the adapter's get_requests_session, so it can be patched in)."""
        session = requests.Session()
        session.mount("https://cis2.provider.test/", self)
        return session

    # The service's half: server-to-server requests.
    def send(self, request, **kwargs):
        path = urlsplit(request.url).path.removeprefix(urlsplit(ISSUER).path)
        if path == "/.well-known/openid-configuration":
            return self._json(request, self._configuration())
        if path == "/connect/jwk_uri":
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
            return self._json(request, {"keys": [{**public, "kid": PROVIDER_KEY_ID, "alg": "RS256", "use": "sig"}]})
        if path == "/access_token" and request.method == "POST":
            return self._token(request)
        if path == "/userinfo":
            claims = self.access_tokens.get(request.headers.get("Authorization", "").removeprefix("Bearer "))
            return self._json(request, claims) if claims else self._error(request, "invalid_token", "unknown")
        return self._json(request, {"error": "not_found"}, status=404)

    def close(self):
        pass

    def _configuration(self):
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/access_token",
            "userinfo_endpoint": f"{ISSUER}/userinfo",
            "jwks_uri": f"{ISSUER}/connect/jwk_uri",
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "code_challenge_methods_supported": ["S256"],
            "backchannel_logout_supported": True,
            "backchannel_logout_session_supported": True,
        }

    def _token(self, request):
        form = {key: values[0] for key, values in parse_qs(request.body).items()}
        self.token_requests.append(form)
        if request.headers.get("Authorization"):
            return self._error(request, "invalid_client", "client_secret_basic is not accepted")
        if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
            return self._error(request, "invalid_client", "private_key_jwt only")
        try:
            assertion = jwt.decode(
                form["client_assertion"],
                self.client_public_key,
                algorithms=["RS512"],
                audience=f"{ISSUER}/access_token",
                issuer=CLIENT_ID,
                options={"require": ["exp", "iat", "jti", "sub"]},
            )
        except jwt.PyJWTError as error:
            return self._error(request, "invalid_client", str(error))
        if assertion["sub"] != CLIENT_ID:
            return self._error(request, "invalid_client", "sub")
        self.assertions.append(assertion)
        granted = self.codes.pop(form.get("code"), None)  # a code is used once
        if granted is None:
            return self._error(request, "invalid_grant", "unknown or used code")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
        if granted["request"].get("code_challenge") != challenge.rstrip(b"=").decode():
            return self._error(request, "invalid_grant", "PKCE verifier does not match the challenge")
        now = int(time.time())
        id_token = jwt.encode(
            {
                **granted["claims"],
                "iss": ISSUER,
                "aud": CLIENT_ID,
                "iat": now,
                "exp": now + 300,
                "nonce": granted["nonce"],
                "acr": granted["request"].get("acr_values", ""),
            },
            self.key,
            algorithm="RS256",
            headers={"kid": PROVIDER_KEY_ID},
        )
        access_token = secrets.token_urlsafe(16)
        self.access_tokens[access_token] = granted["claims"]
        return self._json(request, {"access_token": access_token, "token_type": "Bearer", "id_token": id_token})

    def _error(self, request, error, description):
        return self._json(request, {"error": error, "error_description": description}, status=400)

    def _json(self, request, body, status=200):
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json"
        response.url = request.url
        response.request = request
        return response
