"""Link tokens: 256 random bits, shown once, kept only as a SHA-256 hash.

A plain hash rather than a slow password hash is enough: the token is random and long, so there is
nothing to guess from its hash, and the hash must be looked up by equality on every visit."""

import hashlib
import re
import secrets

TOKEN_BYTES = 32  # 256 bits; the brief's floor is 128
# token_urlsafe(32) gives 43 characters of the URL-safe base64 alphabet.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token():
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def hash_token(token):
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def looks_like_token(value):
    return bool(TOKEN_PATTERN.match(value or ""))
