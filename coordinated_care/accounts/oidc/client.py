"""Client authentication at the token endpoint by private_key_jwt: instead of a shared secret, the
service sends an assertion signed with its private key, whose public half the provider holds."""

import time
import uuid

import jwt
from allauth.socialaccount.providers.oauth2.client import OAuth2Client

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_SECONDS = 300


def client_assertion(*, client_id, audience, private_key, key_id, algorithm, now=None):
    """The signed assertion (RFC 7523, section 3): issued by and about the client, for the token
    endpoint alone, used once (jti), valid for five minutes."""
    now = int(now if now is not None else time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "jti": str(uuid.uuid4()),
        "iat": now,
        "exp": now + ASSERTION_SECONDS,
    }
    return jwt.encode(claims, private_key, algorithm=algorithm, headers={"kid": key_id})


class PrivateKeyJWTClient(OAuth2Client):
    def __init__(self, *args, private_key, key_id, algorithm, **kwargs):
        super().__init__(*args, **kwargs)
        self.private_key = private_key
        self.key_id = key_id
        self.algorithm = algorithm

    def get_access_token(self, code, pkce_code_verifier=None, extra_data=None):
        # No client_secret and no basic auth: the assertion alone authenticates the client.
        self.consumer_secret = ""
        self.basic_auth = False
        assertion = {
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": client_assertion(
                client_id=self.consumer_key,
                audience=self.access_token_url,
                private_key=self.private_key,
                key_id=self.key_id,
                algorithm=self.algorithm,
            ),
        }
        return super().get_access_token(code, pkce_code_verifier=pkce_code_verifier, extra_data=assertion)
